// Labelled relevance set for answered-question suggestions (precision / recall).
//
// ANSWERED is a small knowledge base of questions recruiters and coordinators typed
// into the GoodTime project team channel, with the reply a project-team member gave.
// ASKED are new questions: those with `related` express the same need as that entry
// in different words (paraphrase, reordered, synonyms, names, typos, little overlap);
// those without `related` are new problems that no entry answers but that share
// vocabulary with one (the false-positive traps). Several ANSWERED entries are
// deliberate neighbours (two panel problems, three calendar problems, email template
// vs email not received, time zone shown wrong vs interviewers in other time zones).
// Written by hand from the product domain, without looking at the ranking code.

export interface AnsweredQuestion {
  id: string;
  question: string;
  answer: string;
}

export interface AskedQuestion {
  text: string;
  /** id of the AnsweredQuestion that answers it, or undefined when none does */
  related?: string;
  /** why (one short phrase), for people reading failures */
  note?: string;
}

export const ANSWERED: AnsweredQuestion[] = [
  {
    id: 'panel-reschedule-decline',
    question:
      'how do i reschedule a panel when one of the interviewers declines? dont want to redo the whole onsite for everyone',
    answer:
      'Open the interview under Scheduling > Interviews and click "Replace interviewer" on the declined session; GoodTime looks for someone from the same interviewer pool who is free in that exact slot. Only if nobody is free, use Reschedule > "Only affected sessions" so the rest of the panel stays put.',
  },
  {
    id: 'panel-order-change',
    question:
      'is there a way to change the order of interviews in a panel? candidate wants the coding round first thing',
    answer:
      'In the scheduling wizard, on the Review step you can drag the sessions into a new order before sending. If the order is locked, turn off "Lock session order" in the interview template settings (or ask a GoodTime admin to).',
  },
  {
    id: 'template-create',
    question: 'how do i set up a new interview template for the SWE onsite loop w/ 4 sessions',
    answer:
      'Go to Settings > Interview Templates > New template, add one session per interview with its duration and interviewer pool, then save. Ping the project team so we can map the template to the right ATS interview stage.',
  },
  {
    id: 'template-edit-existing',
    question:
      'if i edit an interview template does it change the interviews that are already scheduled with it or only new ones?',
    answer:
      'Only new ones: template edits apply to interviews scheduled after you save. Interviews already on the calendar keep their old sessions; reschedule them if they need the change.',
  },
  {
    id: 'availability-not-showing',
    question: "interviewer availability isn't showing up for Priya, her cal looks completely empty in goodtime",
    answer:
      'Her calendar connection has probably expired. Check Settings > Users > Calendar status, and ask her to go to Profile > Calendar > Reconnect; availability reappears within a few minutes.',
  },
  {
    id: 'busy-block-ignored',
    question:
      'interviewer blocked off her afternoon on her calendar but goodtime still booked an int right on top of it, why?',
    answer:
      'GoodTime treats events marked "Free" (transparent) as available, so the block must be set to "Busy". Also check Settings > Scheduling > "Ignore events containing" in case the title matches an ignored keyword.',
  },
  {
    id: 'availability-other-timezone',
    question:
      'how does goodtime handle availability for interviewers in another time zone? our london folks keep getting 8pm slots',
    answer:
      "Each interviewer's working hours are read in their profile time zone, so have them set Profile > Working hours and Profile > Time zone correctly. GoodTime then only offers slots that sit inside every interviewer's working hours.",
  },
  {
    id: 'timezone-shown-wrong',
    question:
      "candidate says the time zone in the confirmation email is wrong, it shows PST but they're in Chicago",
    answer:
      "Candidate emails use the time zone on the candidate's profile, not yours. Edit Candidate > Time zone, then use ... > Resend confirmation so they get the corrected times.",
  },
  {
    id: 'gcal-sync-delay',
    question: 'google cal events are taking forever to show up after i schedule, like 20+ min sometimes',
    answer:
      'Google sync normally pushes within a minute but falls back to 15-minute polling if the webhook lapsed. Go to Admin > Integrations > Google Calendar and click "Resync"; if it keeps happening, ask IT to check the service account\'s domain-wide delegation.',
  },
  {
    id: 'outlook-calendar-connect',
    question: 'how do we connect outlook calendars to goodtime? the new EMEA recruiting team is all on O365',
    answer:
      'A Microsoft 365 admin has to grant GoodTime the Graph consent once (open an IT ticket for "GoodTime admin consent"). After that each user goes to Profile > Calendar > Connect Outlook.',
  },
  {
    id: 'hold-expiry',
    question: 'how long do holds stay on interviewers cals before they get released if the candidate doesnt confirm?',
    answer:
      'Holds are released as soon as the candidate confirms, or automatically when the hold expires (48 hours by default). An admin can change the window under Settings > Scheduling > Hold expiry.',
  },
  {
    id: 'candidate-email-template',
    question: 'how do i edit the candidate confirmation email template? want to add parking info for the HQ onsites',
    answer:
      'Settings > Email Templates > Candidate Confirmation; add a location block so parking text only shows for HQ. Changes apply to emails sent after you save.',
  },
  {
    id: 'candidate-email-not-received',
    question: 'candidate says they never got the interview confirmation email, how do i check and can i resend it?',
    answer:
      'Open the interview\'s Activity log to see if the email was delivered or bounced. If delivered, ask them to check spam and use ... > "Resend candidate email"; if it bounced, fix the address in the ATS first and then resend.',
  },
  {
    id: 'greenhouse-sync',
    question: 'greenhouse interviews not showing up in goodtime after we moved the candidate to the onsite stage',
    answer:
      'The Greenhouse stage has to be mapped: Admin > Integrations > Greenhouse > Stage mapping. Sync runs every 5 minutes, or click "Sync now" on the candidate page.',
  },
  {
    id: 'lever-feedback-link',
    question:
      'scorecards in lever arent linked to the interviews we schedule from goodtime, interviewers cant find the feedback form',
    answer:
      'Turn on "Create Lever interview panels" in Admin > Integrations > Lever so GoodTime creates the panel in Lever with the feedback form attached. It applies to interviews scheduled after the switch; reschedule older ones to link them.',
  },
  {
    id: 'workday-integration',
    question: 'do we support workday? the finance recruiting team uses workday recruiting instead of greenhouse',
    answer:
      'Yes, GoodTime has a Workday Recruiting integration, but HRIS needs to create an integration system user (ISU) for it. Open a request with the project team and we will coordinate with HRIS; it usually takes about two weeks.',
  },
  {
    id: 'reschedule-candidate-request',
    question:
      'candidate asked to move their interview to next week, whats the easiest way to reschedule w/o redoing everything?',
    answer:
      'Open the interview and click Reschedule, then either pick new times or "Send new availability request"; the same interviewers are kept where they are free. The candidate gets the reschedule email automatically.',
  },
  {
    id: 'room-booking',
    question: 'how do i book a conference room for an onsite thru goodtime? it keeps saying no rooms available',
    answer:
      "Rooms come from your calendar's resource list, so check Settings > Locations > Rooms that rooms are enabled for that office and the capacity filter isn't too high. Rooms already booked in Google/Outlook are never offered.",
  },
  {
    id: 'zoom-link-missing',
    question: 'zoom links arent being added to the interview invites anymore, started this morning for all my candidates',
    answer:
      'The Zoom connection on the organizer account has most likely expired: Admin > Integrations > Zoom > Reauthorize. Then use Edit > "Regenerate meeting link" on the interviews that went out without one.',
  },
  {
    id: 'teams-instead-of-zoom',
    question: 'can we use teams links instead of zoom for the sales hiring team? their candidates cant install zoom',
    answer:
      'Yes, conferencing is set per interview template: Interview Template > Conferencing > Microsoft Teams. The Teams integration must be connected by a GoodTime admin first (Admin > Integrations).',
  },
  {
    id: 'debrief-scheduling',
    question: 'how do i get goodtime to schedule the debrief automatically after the onsite instead of doing it by hand?',
    answer:
      'Enable Debrief in the interview template (Template > Debrief > Auto-schedule). It invites the hiring team and all interviewers, by default one business day after the last session.',
  },
  {
    id: 'hiring-team-roles',
    question: 'new coordinator cant see any candidates for the eng reqs in goodtime, what role does she need?',
    answer:
      'GoodTime takes hiring-team roles from the ATS, so add her as Coordinator on those jobs in Greenhouse; permissions sync hourly. If she needs access across all jobs, ask a GoodTime admin to set her role in Admin > Users.',
  },
  {
    id: 'shadow-interviewer',
    question: 'how do i add someone as a shadow interviewer for training so they sit in on a few interviews?',
    answer:
      'Go to Settings > Interviewer Pools, open the pool\'s Training tab and add them as "Shadow". GoodTime adds them as an optional attendee and moves them to reverse shadow after the configured number of sessions.',
  },
  {
    id: 'reporting-time-to-schedule',
    question: 'is there a report for time to schedule broken down by recruiter? my manager wants it for the QBR',
    answer:
      'Reports > Scheduling Efficiency shows time to schedule; filter or group by coordinator and set the date range. Use Export > CSV for the deck.',
  },
  {
    id: 'interviewer-load-limit',
    question: 'one interviewer is getting slammed with like 8 interviews a week, can we cap how many they get?',
    answer:
      'Set a load limit on the interviewer\'s profile (Profile > Load limits, per day and per week), or a pool-wide limit in Settings > Interviewer Pools. GoodTime skips people who have hit their limit when it picks interviewers.',
  },
  {
    id: 'interviewer-pool-add',
    question: 'how do i add a new interviewer to the backend pool so goodtime starts picking them for loops?',
    answer:
      'Settings > Interviewer Pools > Backend > Add member. They also need a connected calendar and training status "Trained", otherwise GoodTime will not select them.',
  },
  {
    id: 'self-schedule-link',
    question: 'can candidates pick their own interview times? want to send a self-schedule link for the phone screens pls',
    answer:
      'Yes: on the candidate page choose Self-Schedule, pick the interview template and send; the candidate books from live interviewer availability. Links expire after 7 days by default.',
  },
  {
    id: 'buffer-between-interviews',
    question: 'can we add a 15 min break between the back to back interviews in a panel?',
    answer:
      'In the interview template set Settings > "Buffer between sessions" to 15 minutes. For a longer named break (e.g. lunch) add a "Break" session to the template instead.',
  },
  {
    id: 'cancel-interview',
    question: 'how do i cancel an interview so the interviewers and the candidate both get notified properly?',
    answer:
      'Open the interview and use ... > Cancel, tick "Notify candidate" and pick the cancellation email. The interviewers\' calendar events are removed automatically.',
  },
];

export const ASKED: AskedQuestion[] = [
  // ---- related: same need, different words ----
  {
    text: "Jordan declined his slot in tomorrow's onsite panel for the PM candidate, can I swap him out without moving everyone else?",
    related: 'panel-reschedule-decline',
    note: 'names + swap instead of reschedule',
  },
  {
    text: "one of the four people on Thursday's loop can't make it anymore, how do i find a sub?",
    related: 'panel-reschedule-decline',
    note: 'little word overlap: loop/sub for panel/replace',
  },
  {
    text: 'Candidate asked to do the system design round before the behavioral one, can I reorder the sessions?',
    related: 'panel-order-change',
    note: 'reorder sessions = change panel order',
  },
  {
    text: 'need to build a brand new template for the sales AE final round, 3 interviews plus a presentation, where do i start',
    related: 'template-create',
    note: 'build template for another role',
  },
  {
    text: 'I updated the PM onsite template yesterday, will the loops booked last week pick up the change?',
    related: 'template-edit-existing',
    note: 'paraphrase with extra context',
  },
  {
    text: 'goodtime thinks Marcus has zero meetings this week but his actual calendar is totally full',
    related: 'availability-not-showing',
    note: 'symptom of expired calendar connection',
  },
  {
    text: "she put a dentist appt on her cal for the afternoon and still got an interview dropped in the middle of it",
    related: 'busy-block-ignored',
    note: 'blocked time ignored, different words',
  },
  {
    text: 'our Singapore interviewers keep getting booked at 11pm their time, how do we stop that?',
    related: 'availability-other-timezone',
    note: 'other office, same working-hours problem',
  },
  {
    text: 'scheduling a panel with people in NYC and Berlin, how does goodtime work out which hours suit both?',
    related: 'availability-other-timezone',
    note: 'cross-time-zone availability',
  },
  {
    text: "the invite the candidate got shows the time in Eastern but she's in Denver",
    related: 'timezone-shown-wrong',
    note: 'wrong candidate time zone',
  },
  {
    text: 'candidate in Lisbon got an email saying 3pm PT, she expected her local time',
    related: 'timezone-shown-wrong',
    note: 'time zone in candidate email, no "wrong"',
  },
  {
    text: "interviews I book in goodtime take ages to land on people's google calendars, is something broken?",
    related: 'gcal-sync-delay',
    note: 'paraphrase of google sync delay',
  },
  {
    text: 'the team from the acquisition is on Microsoft 365, how do they hook their calendars up?',
    related: 'outlook-calendar-connect',
    note: 'Microsoft 365 = Outlook/O365',
  },
  {
    text: "interviewers complaining that stale HOLD blocks from last week's candidate are still sitting on their calendars",
    related: 'hold-expiry',
    note: 'holds not released yet',
  },
  {
    text: 'want to add a line about dress code to the onsite confirmation email candidates get, where is that?',
    related: 'candidate-email-template',
    note: 'edit template content',
  },
  {
    text: 'Candidate Ana Ruiz says there is nothing in her inbox about Friday, can I send the confirmation again?',
    related: 'candidate-email-not-received',
    note: 'names, resend confirmation',
  },
  {
    text: "candidate didn't get the reschedule email after I moved her interview to Monday",
    related: 'candidate-email-not-received',
    note: 'email not delivered, same check-and-resend fix (not the template entry)',
  },
  {
    text: 'moved a candidate to Onsite in GH like 20 min ago and goodtime still has nothing for them',
    related: 'greenhouse-sync',
    note: 'GH abbreviation, stage sync',
  },
  {
    text: "interviewers say there's no feedback form attached in Lever for the interviews booked through goodtime",
    related: 'lever-feedback-link',
    note: 'feedback form = scorecard',
  },
  {
    text: 'HR ops is moving all recruiting to Workday next quarter, can goodtime plug into it or are we stuck?',
    related: 'workday-integration',
    note: 'paraphrase with context',
  },
  {
    text: 'candidate has a conflict and wants to push her final round to next Tuesday, how do i move it and keep the same people',
    related: 'reschedule-candidate-request',
    note: 'push/move = reschedule',
  },
  {
    text: 'goodtime says no rooms for the Austin onsite but I can literally see 3B is empty in outlook',
    related: 'room-booking',
    note: 'no rooms available symptom',
  },
  {
    text: 'invites going out today have no zoom link at all, older ones still have it',
    related: 'zoom-link-missing',
    note: 'same symptom, different words',
  },
  {
    text: 'finance hiring managers want Microsoft Teams meetings rather than Zoom for their interviews, is that possible?',
    related: 'teams-instead-of-zoom',
    note: 'other team, same conferencing setting',
  },
  {
    text: 'is there a way for goodtime to auto-book the hiring team debrief once the onsite is set?',
    related: 'debrief-scheduling',
    note: 'auto-book = schedule automatically',
  },
  {
    text: "Jess just started as a coordinator and can't see the data eng candidates, what access does she need?",
    related: 'hiring-team-roles',
    note: 'name + access = role',
  },
  {
    text: 'want a junior engineer to sit in on a few interviews to learn before interviewing on their own',
    related: 'shadow-interviewer',
    note: 'little overlap: describes shadowing without the word',
  },
  {
    text: 'need numbers on how long each coordinator takes to get interviews booked, for the quarterly review',
    related: 'reporting-time-to-schedule',
    note: 'time to schedule described, QBR = quarterly review',
  },
  {
    text: 'Dana did 9 interviews this week and is burning out, can we set a max per person?',
    related: 'interviewer-load-limit',
    note: 'load cap, names',
  },
  {
    text: 'new hire on the frontend team finished her training, how do i get goodtime to start choosing her?',
    related: 'interviewer-pool-add',
    note: 'add to pool, other team',
  },
  {
    text: 'can I just send phone screen candidates a link so they book a slot themselves?',
    related: 'self-schedule-link',
    note: 'self-schedule without the word',
  },
  {
    text: 'candidates are going straight from one conversation into the next with zero breathing room, can we add a gap?',
    related: 'buffer-between-interviews',
    note: 'little overlap: gap = buffer',
  },
  {
    text: "the req got put on hold so I need to call off the candidate's onsite and let everyone know",
    related: 'cancel-interview',
    note: 'call off = cancel; "hold" here is not a calendar hold',
  },

  // ---- unrelated: share words with an entry but no entry answers them ----
  {
    text: 'Panel invites went out twice for the onsite tomorrow, every interviewer has duplicate events',
    note: 'like panel-reschedule-decline (panel, onsite) but duplicate invites, not a decline',
  },
  {
    text: 'can we stop goodtime sending its own candidate confirmation email, greenhouse already sends one',
    note: 'like candidate-email-template but turning the email off, not editing it',
  },
  {
    text: "can interviewers see the candidate's resume from the google calendar invite somehow?",
    note: 'like gcal-sync-delay (google calendar) but about invite content',
  },
  {
    text: 'can I put a manual hold on the VP cal for an offer call that isnt an interview?',
    note: 'like hold-expiry (hold, cal) but creating an ad-hoc hold',
  },
  {
    text: 'where do interviewers write their debrief notes so the hiring manager can read them before the meeting?',
    note: 'like debrief-scheduling but about feedback notes, not scheduling',
  },
  {
    text: 'can we record the zoom interview and share the recording with the hiring team afterwards?',
    note: 'like zoom-link-missing (zoom) but recording',
  },
  {
    text: 'my workday SSO login to goodtime keeps failing with an error since this morning',
    note: 'like workday-integration (workday) but SSO login, not ATS integration',
  },
  {
    text: 'the room display tablet outside conference room 4B is showing the wrong meeting',
    note: 'like room-booking (conference room) but meeting-room hardware',
  },
  {
    text: 'the new Outlook add-in crashes whenever I open it from an interview invite',
    note: 'like outlook-calendar-connect (outlook) but add-in crash',
  },
  {
    text: 'candidate got stuck in the Teams lobby for 10 minutes and nobody admitted her',
    note: 'like teams-instead-of-zoom (teams) but in-meeting lobby settings',
  },
  {
    text: 'can a candidate reschedule on their own from the link in the confirmation email, without emailing me?',
    note: 'like reschedule-candidate-request but candidate-driven self-reschedule',
  },
  {
    text: 'getting way too many goodtime notification emails, how do I turn some of them off for myself?',
    note: 'like cancel-interview / email entries (notified) but personal notification settings',
  },
  {
    text: 'are the times in the reports in UTC or in my local time zone? numbers look shifted',
    note: 'like reporting-time-to-schedule and timezone-shown-wrong but report time basis',
  },
  {
    text: 'how do i export the list of all our interview templates to share with a hiring manager',
    note: 'like template-create (interview template) but exporting',
  },
  {
    text: 'greenhouse scorecard reminders are too late, can goodtime send the reminders to interviewers instead?',
    note: 'like greenhouse-sync / lever-feedback-link (scorecards) but reminder emails',
  },
  {
    text: 'the interviewer load report says Sam did 3 interviews last week but our spreadsheet says 5',
    note: 'like interviewer-load-limit (interviewer load) but report discrepancy',
  },
  {
    text: 'candidate wants to bring a sign language interpreter to the onsite, how do I add a guest to the invite?',
    note: 'like room-booking / candidate email (onsite, invite) but adding a guest',
  },
  {
    text: 'interviewer availability looks right but the candidate availability request page is blank on mobile',
    note: 'like availability-not-showing (availability) but candidate-side page bug',
  },
  {
    text: 'candidate would rather get her interview confirmation by text message than email, does goodtime do SMS?',
    note: 'like candidate-email-not-received / template (confirmation) but SMS channel',
  },
];

// HELD_OUT_1: written after a first thesaurus (src/knowledge/knowledge-thesaurus.ts) and settings, tuned on ASKED, were frozen.
// That version scored precision 0.53, recall 0.56 here (ASKED: 0.96 and 0.70): it matched the topic, not the need.
// The need penalty in knowledge-relevance.ts and the thesaurus's need concepts came after, and the settings were retuned on
// ASKED and HELD_OUT_1 together, so this set is no longer held out; HELD_OUT_2 is. Same rules as ASKED: `related`
// when an ANSWERED entry meets the need, none when no entry does though words are shared.
export const HELD_OUT_1: AskedQuestion[] = [
  // ---- related ----
  {
    text: "Priya is out sick tomorrow and she has 2 of the 5 sessions in the onsite, fastest way to get someone else into her spots?",
    related: 'panel-reschedule-decline',
    note: 'sick interviewer, someone else',
  },
  {
    text: 'HM wants the culture chat to happen last instead of first in the onsite, can i flip that around?',
    related: 'panel-order-change',
    note: 'flip = reorder',
  },
  {
    text: "we're opening a data science role and need the onsite set up in goodtime: take-home review plus 3 interviews. how do i make that",
    related: 'template-create',
    note: 'set up a loop for a new role, no "template"',
  },
  {
    text: 'changed the durations on our backend onsite template, do the interviews already on the calendar get updated too?',
    related: 'template-edit-existing',
    note: 'paraphrase',
  },
  {
    text: "goodtime shows Ken as wide open all week but he's got meetings everywhere, looks like it can't read his calendar",
    related: 'availability-not-showing',
    note: 'calendar not read, no "availability"',
  },
  {
    text: "why did goodtime put an interview over my focus time? it's blocked on my google cal",
    related: 'busy-block-ignored',
    note: 'focus time block ignored',
  },
  {
    text: 'our interviewers in Sydney keep getting invites for 6am, how do we get goodtime to respect their working hours',
    related: 'availability-other-timezone',
    note: 'other office, early hours',
  },
  {
    text: 'candidate in Toronto got an invite showing the times in Pacific, can we fix that for her',
    related: 'timezone-shown-wrong',
    note: 'wrong zone shown to candidate',
  },
  {
    text: "booked an interview 30 min ago and it's still not on the interviewers google calendars",
    related: 'gcal-sync-delay',
    note: 'slow google sync',
  },
  {
    text: 'when do tentative holds disappear if a candidate never confirms their times?',
    related: 'hold-expiry',
    note: 'tentative holds released',
  },
  {
    text: 'candidate says she never received her interview details, how do i see if the email bounced',
    related: 'candidate-email-not-received',
    note: 'bounced confirmation',
  },
  {
    text: "candidate has been in the onsite stage in greenhouse since this morning but I don't see them in goodtime yet",
    related: 'greenhouse-sync',
    note: 'stage sync',
  },
  {
    text: 'candidate is sick and asked to move her final round to next week, how do i reschedule without rebuilding the whole thing',
    related: 'reschedule-candidate-request',
    note: 'candidate asks to move',
  },
  {
    text: 'none of the interview invites I sent this afternoon have a zoom link in them',
    related: 'zoom-link-missing',
    note: 'same symptom',
  },
  {
    text: 'how do i get a trainee to observe a couple of interviews before they start doing their own?',
    related: 'shadow-interviewer',
    note: 'observe = shadow',
  },
  {
    text: 'can we limit how many interviews a week each engineer gets? a few people are doing way too many',
    related: 'interviewer-load-limit',
    note: 'weekly cap',
  },
  {
    text: "can we put 10 minutes between each session of the onsite so interviewers aren't running late?",
    related: 'buffer-between-interviews',
    note: 'buffer between sessions',
  },
  {
    text: 'is there a way to let candidates choose their own time for the recruiter screen?',
    related: 'self-schedule-link',
    note: 'self-schedule without the word',
  },

  // ---- unrelated ----
  {
    text: 'can I see which interviewers declined the panel invite without opening every single one?',
    note: 'like panel-reschedule-decline (declined, panel) but viewing RSVPs',
  },
  {
    text: 'how do i duplicate an existing interview template for another team',
    note: 'like template-create (interview template) but copying one',
  },
  {
    text: "is there a view of the whole team's interviewer availability for next week in one place?",
    note: 'like availability-not-showing (interviewer availability) but a team view',
  },
  {
    text: 'the google calendar invite shows a weird title for the interview, can we change what it says?',
    note: 'like gcal-sync-delay (google calendar) but the event title',
  },
  {
    text: 'can we send candidates a reminder text the day before their onsite?',
    note: 'like candidate email entries (candidates, onsite) but SMS reminders',
  },
  {
    text: "can the zoom meeting use a waiting room so candidates don't walk in early?",
    note: 'like zoom-link-missing (zoom) but meeting settings',
  },
  {
    text: "who in the backend interviewer pool hasn't done an interview in the last month? is there a report",
    note: 'like interviewer-pool-add / reporting (pool, report) but pool activity',
  },
  {
    text: 'workday candidates are showing up twice in goodtime',
    note: 'like workday-integration / greenhouse-sync (showing up) but duplicate candidates',
  },
  {
    text: 'can booking the room for an onsite also order lunch for the candidate?',
    note: 'like room-booking (room, onsite) but catering',
  },
  {
    text: "can candidate emails come from the recruiter's own address instead of the no-reply one?",
    note: 'like candidate email entries but the sender address',
  },
  {
    text: 'the time to schedule report is missing all of last month',
    note: 'like reporting-time-to-schedule but missing data',
  },
  {
    text: 'how do I cancel a self-schedule link I sent to the wrong candidate?',
    note: 'like cancel-interview / self-schedule-link but revoking a link',
  },
];

// HELD_OUT_2: written after the thesaurus and the settings in knowledge-relevance.ts were frozen the second time (with the need
// penalty). That version scored precision 0.78, recall 0.82 here; the one change made after it is minMatchedTerms 2 to
// 3, chosen on all three sets together. Same rules as ASKED.
export const HELD_OUT_2: AskedQuestion[] = [
  // ---- related ----
  {
    text: 'half our London recruiters are on Exchange/Outlook, what do they need to do so goodtime can see their calendars?',
    related: 'outlook-calendar-connect',
    note: 'Exchange/Outlook, see calendars = connect',
  },
  {
    text: 'where do i edit what the candidate confirmation says? need to add the new office address and wifi instructions',
    related: 'candidate-email-template',
    note: 'edit confirmation content',
  },
  {
    text: "our lever scorecards aren't attached to the interviews goodtime books, so nobody can submit feedback",
    related: 'lever-feedback-link',
    note: 'paraphrase',
  },
  {
    text: 'is there a workday connector? a business unit we acquired runs all their hiring in workday',
    related: 'workday-integration',
    note: 'connector = integration',
  },
  {
    text: 'trying to book a room in the NY office for an onsite and goodtime keeps saying nothing is free, but I know rooms are open',
    related: 'room-booking',
    note: 'no rooms offered',
  },
  {
    text: 'the legal hiring team only uses MS Teams, can their interviews get Teams links instead of zoom?',
    related: 'teams-instead-of-zoom',
    note: 'other team, same setting',
  },
  {
    text: 'can the debrief get scheduled automatically once all the interviews are done instead of me chasing everyone?',
    related: 'debrief-scheduling',
    note: 'paraphrase',
  },
  {
    text: "new recruiting coordinator started monday, she can't see any candidates in goodtime. what does she need to get access?",
    related: 'hiring-team-roles',
    note: 'access for a new coordinator',
  },
  {
    text: 'my director wants average time to schedule per coordinator for last quarter, where do I pull that?',
    related: 'reporting-time-to-schedule',
    note: 'paraphrase',
  },
  {
    text: 'Sam finished interviewer training, how do i add him so goodtime starts putting him on loops',
    related: 'interviewer-pool-add',
    note: 'add to pool without "pool"',
  },
  {
    text: "candidate accepted another offer, need to cancel tomorrow's interviews and let the panel know",
    related: 'cancel-interview',
    note: 'cancel and notify',
  },
  {
    text: "an interviewer just declined the 2pm session of today's onsite, can goodtime find a replacement from the same pool?",
    related: 'panel-reschedule-decline',
    note: 'close paraphrase',
  },
  {
    text: "candidate can't find the confirmation email anywhere, checked spam too. can I resend it?",
    related: 'candidate-email-not-received',
    note: 'not received, resend',
  },
  {
    text: 'how many days do interviewer holds stick around if the candidate never picks a time?',
    related: 'hold-expiry',
    note: 'hold window',
  },
  {
    text: "goodtime keeps scheduling interviews on top of blocks people put on their calendars, why isn't it treating them as busy?",
    related: 'busy-block-ignored',
    note: 'blocks ignored',
  },
  {
    text: 'we have interviewers across 3 time zones, how does goodtime decide what hours are ok for each of them?',
    related: 'availability-other-timezone',
    note: 'working hours per zone',
  },
  {
    text: 'can a candidate book their own phone screen from a link instead of me going back and forth over email?',
    related: 'self-schedule-link',
    note: 'self-schedule without the word',
  },

  // ---- unrelated ----
  {
    text: 'can outlook users accept interview invites from their phone? the mobile app shows an error',
    note: 'like outlook-calendar-connect (outlook) but mobile error',
  },
  {
    text: 'how do i delete an old interview template nobody uses anymore?',
    note: 'like template-create / template-edit-existing but deleting',
  },
  {
    text: 'can lever feedback forms be made mandatory before the debrief?',
    note: 'like lever-feedback-link and debrief-scheduling but enforcing feedback',
  },
  {
    text: 'does goodtime charge extra for the workday integration?',
    note: 'like workday-integration but pricing',
  },
  {
    text: 'the conference room names in goodtime are outdated since our office move',
    note: 'like room-booking (conference room) but room names',
  },
  {
    text: 'can each recruiter use their own zoom account instead of one shared organizer account?',
    note: 'like zoom-link-missing (zoom, organizer account) but account setup',
  },
  {
    text: "what's the max number of interviewers we can put on a single panel?",
    note: 'like interviewer-load-limit (max, interviewers) but panel size',
  },
  {
    text: 'candidate confirmation emails go out in English for our Paris candidates, can they be in French?',
    note: 'like candidate-email-template (confirmation email) but language',
  },
  {
    text: 'can the recruiter get a slack alert when a candidate confirms their interview times?',
    note: 'like hold-expiry / confirmation entries (candidate confirms) but recruiter alerts',
  },
  {
    text: 'how do i see every interview a candidate has had with us across all jobs?',
    note: 'like several entries (candidate, interview) but interview history',
  },
  {
    text: 'who is allowed to edit the greenhouse stage mapping, only admins?',
    note: 'like greenhouse-sync (stage mapping) and hiring-team-roles but who may edit it',
  },
  {
    text: 'can I reschedule a debrief without re-inviting the whole hiring team?',
    note: 'like debrief-scheduling / reschedule entries but re-invites',
  },
  {
    text: 'how do I pull a list of which interviewers are in each pool?',
    note: 'like interviewer-pool-add (interviewers, pool) but listing members',
  },
];

// HELD_OUT_3: written on 2026-12-03, after the settings and the thesaurus shipped with HELD_OUT_2 (nothing in
// src/knowledge changed since), without running the ranking on it while writing, and not tuned on afterwards: its
// figures are what a fresh set of questions gets. Same rules as ASKED.
export const HELD_OUT_3: AskedQuestion[] = [
  // ---- related ----
  {
    text: "Dana can't make the 2pm session of Friday's onsite anymore, is there a quick way to find a replacement from the same pool?",
    related: 'panel-reschedule-decline',
    note: "can't make it, replacement",
  },
  {
    text: 'can the system design interview go before lunch and the behavioral after? right now its the other way round in the loop',
    related: 'panel-order-change',
    note: 'reorder without the word',
  },
  {
    text: 'first time building a loop in goodtime: recruiter screen, HM call, then a 3-person panel for the new solutions engineer req. where do i start?',
    related: 'template-create',
    note: 'build a loop = new template',
  },
  {
    text: 'if I remove a session from the PM onsite template today, will the candidates already booked for next week lose it too?',
    related: 'template-edit-existing',
    note: 'edit applies to booked ones?',
  },
  {
    text: 'goodtime thinks Marco is free every day but his calendar is packed. did his calendar get disconnected?',
    related: 'availability-not-showing',
    note: 'calendar not read',
  },
  {
    text: 'interviewer marked 12-1 as OOO on her calendar and still got an interview at 12:30, is goodtime ignoring it?',
    related: 'busy-block-ignored',
    note: 'blocked time booked over',
  },
  {
    text: "we hired interviewers in Singapore and they're getting slots at 11pm their time, how do I fix their hours?",
    related: 'availability-other-timezone',
    note: 'other office, late hours',
  },
  {
    text: 'the confirmation email showed Eastern time but the candidate lives in Denver, where do i change what zone she sees?',
    related: 'timezone-shown-wrong',
    note: "candidate's zone in the email",
  },
  {
    text: "things i schedule take half an hour to appear on interviewers' google calendars, is there a sync setting?",
    related: 'gcal-sync-delay',
    note: 'slow to appear',
  },
  {
    text: "how long until a hold comes off the interviewer's calendar when the candidate never responds?",
    related: 'hold-expiry',
    note: 'paraphrase',
  },
  {
    text: 'candidate swears she has no invite email from us for thursday, can i see whether it went out and send it again?',
    related: 'candidate-email-not-received',
    note: 'check delivery, resend',
  },
  {
    text: 'moved a candidate to Onsite in Greenhouse an hour ago and nothing appears in goodtime to schedule',
    related: 'greenhouse-sync',
    note: 'stage moved, nothing to schedule',
  },
  {
    text: "candidate emailed that she's travelling next week, can I push her final round to the week after without rebuilding it",
    related: 'reschedule-candidate-request',
    note: 'push = reschedule',
  },
  {
    text: 'video links missing from todays invites, every interview since 9am has no zoom link',
    related: 'zoom-link-missing',
    note: 'paraphrase',
  },
  {
    text: 'a new recruiter joined and sees zero candidates in goodtime for the reqs she supports, what permission is missing?',
    related: 'hiring-team-roles',
    note: 'permission = role',
  },
  {
    text: 'we want new interviewers to observe a couple of interviews before running them. how do I set that up?',
    related: 'shadow-interviewer',
    note: 'observe = shadow',
  },
  {
    text: 'can interviewers have a max of 3 interviews per week? some people on the backend team are burning out',
    related: 'interviewer-load-limit',
    note: 'max per week = load limit',
  },
  {
    text: 'want candidates for the SDR phone screens to choose a slot themselves from a link, how?',
    related: 'self-schedule-link',
    note: 'choose a slot themselves',
  },
  {
    text: 'our onsite has interviews back to back with no gap, can goodtime leave 10 minutes between them?',
    related: 'buffer-between-interviews',
    note: 'gap = buffer',
  },
  {
    text: "HM closed the req, how do I call off tomorrow's interviews and make sure everyone's told?",
    related: 'cancel-interview',
    note: 'call off = cancel',
  },
  // ---- unrelated, sharing words ----
  {
    text: 'can goodtime tell me which interviewers did the most interviews this quarter? want to send them a thank you',
    note: 'like interviewer-load-limit / reporting (interviewers, interviews) but a ranking',
  },
  {
    text: 'the candidate needs wheelchair access at the HQ onsite, is there somewhere in goodtime to note accessibility needs so the room fits?',
    note: 'like room-booking (onsite, room) but accessibility',
  },
  {
    text: 'greenhouse is showing the wrong interview date after i rescheduled in goodtime, which one is right?',
    note: 'like greenhouse-sync / reschedule but the sync back to the ATS',
  },
  {
    text: "the zoom meeting for the panel asks for a passcode and the candidate can't get in, can we turn passcodes off?",
    note: 'like zoom-link-missing (zoom, panel) but passcodes',
  },
  {
    text: 'can goodtime send the candidate a reminder email the morning of the interview?',
    note: 'like candidate email entries but a reminder',
  },
  {
    text: 'i need the number of onsites we ran per department last quarter, where would i find that?',
    note: 'like reporting-time-to-schedule (report) but counts by department',
  },
  {
    text: "candidate's self-schedule link says expired, can I extend it instead of sending a new one?",
    note: 'like self-schedule-link but extending an expired one',
  },
  {
    text: 'outlook keeps declining goodtime invites automatically for one interviewer, any idea why?',
    note: 'like outlook-calendar-connect (outlook) but auto-declines',
  },
  {
    text: 'do interviewers get any heads-up the day before an interview, or just the calendar invite?',
    note: 'like candidate email entries (invite) but interviewer reminders',
  },
  {
    text: 'the candidate portal shows our old company logo, where is branding configured?',
    note: 'like candidate-email-template (candidate-facing) but branding',
  },
  {
    text: 'the Austin office has the wrong time zone in goodtime locations, where do I change an office time zone?',
    note: 'like time zone entries but an office location setting',
  },
  {
    text: 'can interviewers swap interviews between themselves without going through the coordinator?',
    note: 'like panel-reschedule-decline (swap interviewers) but self-service between interviewers',
  },
];

// HELD_OUT_4: written on 2026-12-03 by a writer who never saw the ranking code or its results; same rules as ASKED.
export const HELD_OUT_4: AskedQuestion[] = [
  // ---- related ----
  {
    text: "Kofi starts parental leave monday and he's on wednesday's loop for the data platform candidate, whats the least disruptive way to get his session covered",
    related: 'panel-reschedule-decline',
    note: 'leave = dropout; covered = replace, no "panel"',
  },
  {
    text: 'candidate has a hard stop at 3 so she asked if the whiteboard exercise can happen before the HM chat instead of after. can i shuffle the lineup before i send it out?',
    related: 'panel-order-change',
    note: 'shuffle lineup = reorder sessions',
  },
  {
    text: "hi team! we're spinning up hiring for customer success managers in Dublin - recruiter screen, 2 panels and a case study. how do i get that into goodtime as something we can reuse for every candidate",
    related: 'template-create',
    note: 'reusable loop = new template',
  },
  {
    text: 'quick q - swapped the 60 min coding round for a 45 min one in the FE onsite template. do i have to go fix the 6 loops i already booked or do they update on their own',
    related: 'template-edit-existing',
    note: 'template change vs booked loops',
  },
  {
    text: "aisha's cal in gt has been blank since she got her new laptop, meanwhile irl she's back to back all week",
    related: 'availability-not-showing',
    note: 'blank calendar = expired connection',
  },
  {
    text: 'Priya put a "do not book" event on thurs afternoon and gt booked an intrview right over it anyway?? i thought it respected calendar blocks',
    related: 'busy-block-ignored',
    note: 'block ignored, typo',
  },
  {
    text: "our Denver hiring managers keep getting asked to interview at 6:30am mountain bc the coordinator is in NY. what setting controls that",
    related: 'availability-other-timezone',
    note: 'early slots across zones, no "time zone"',
  },
  {
    text: 'candidate relocated from seattle to austin last month and her interview emails still show pacific times so she keeps showing up an hour off, how do i fix it for her',
    related: 'timezone-shown-wrong',
    note: 'candidate zone outdated',
  },
  {
    text: "gcal sync lagging again?? loop i booked at 10:05 still wasn't on the HM's calendar at 10:30",
    related: 'gcal-sync-delay',
    note: 'short, gcal abbreviation',
  },
  {
    text: 'we just onboarded the Munich recruiters, they use exchange online not google. what are the steps to get their cals linked to gt?',
    related: 'outlook-calendar-connect',
    note: 'exchange online = O365/Outlook',
  },
  {
    text: "candidate ghosted after i sent times on monday - are the placeholder blocks on the panel's calendars just going to sit there forever?",
    related: 'hold-expiry',
    note: 'placeholder blocks = holds, little overlap',
  },
  {
    text: 'can i tweak the wording in the email candidates get once their onsite is booked? want to tell them to bring photo ID for the lobby at the SF office',
    related: 'candidate-email-template',
    note: 'edit confirmation content',
  },
  {
    text: "candidate (jamie l) insists she never got anything from us about tuesday's interview. where can i see if it actually reached her",
    related: 'candidate-email-not-received',
    note: 'check delivery, no "email"',
  },
  {
    text: "advanced someone to Final Interview in gh about an hour ago and the interviews for that stage still aren't appearing in goodtime",
    related: 'greenhouse-sync',
    note: 'gh abbreviation, other stage name',
  },
  {
    text: "HM is complaining that when she opens the candidate in lever there's nothing to fill out for the loop we booked through goodtime, where's she supposed to leave her thoughts",
    related: 'lever-feedback-link',
    note: 'no form to fill = scorecard not linked',
  },
  {
    text: 'the healthcare BU runs all their reqs out of workday, not greenhouse. can they still schedule with goodtime or is it gh only?',
    related: 'workday-integration',
    note: 'workday support, req abbreviation',
  },
  {
    text: "candidate tested positive for covid and asked if we can do her onsite in 2 weeks instead, cleanest way to reschedual it without starting from scratch?",
    related: 'reschedule-candidate-request',
    note: 'candidate asks to move, typo',
  },
  {
    text: "trying to get a room at the Boston office for friday's onsite and goodtime won't give me a single option, even though half the floor is empty",
    related: 'room-booking',
    note: 'no rooms offered',
  },
  {
    text: 'weird - every invite since about 8am has just the time and location, no video call link. anyone else seeing this?',
    related: 'zoom-link-missing',
    note: 'video link = zoom link, no "zoom"',
  },
  {
    text: "gov contracts team isn't allowed to use zoom for security reasons, can their interviews default to ms teams meetings",
    related: 'teams-instead-of-zoom',
    note: 'other team, conferencing setting',
  },
  {
    text: "i'm so tired of manually wrangling the wrap-up meeting after every loop. can goodtime just put the hiring team sync on the calendar after the last interview?",
    related: 'debrief-scheduling',
    note: 'wrap-up = debrief, little overlap',
  },
  {
    text: 'Lena joined the recruiting team last week but every job she opens in gt says no candidates. is that a perms thing on our side?',
    related: 'hiring-team-roles',
    note: 'perms = role',
  },
  {
    text: "how do we get new interviewers tagging along as silent observers on a few real loops before they're let loose on their own",
    related: 'shadow-interviewer',
    note: 'silent observer = shadow',
  },
  {
    text: 'VP of TA wants to know how many days it takes each of our coordinators to get loops on the calendar after the request comes in. is that anywhere in gt?',
    related: 'reporting-time-to-schedule',
    note: 'time to schedule described, per coordinator',
  },
  {
    text: 'can we put a ceiling on interviews per day for the staff engineers? wei had 4 yesterday and missed a prod deploy',
    related: 'interviewer-load-limit',
    note: 'ceiling = load limit, per day',
  },
  {
    text: 'elena just got certified for system design interviews, how do i get her into the rotation',
    related: 'interviewer-pool-add',
    note: 'rotation = pool, short',
  },

  // ---- unrelated ----
  {
    text: 'can one session in the onsite have two interviewers at once, like a pair interview, or is it one person per session?',
    note: 'like template-create (sessions, interviewers) but co-interviewers in a session',
  },
  {
    text: 'someone changed the backend onsite template last week and nobody knows who, is there a change history?',
    note: 'like template-edit-existing (edit template) but an audit log',
  },
  {
    text: "can i export the panel's availability for the next two weeks into a spreadsheet for the HM?",
    note: 'like availability-not-showing (availability) but exporting it',
  },
  {
    text: "if an interviewer drags the goodtime event to a different time on their own google cal, does goodtime pick that up or still think it's the old time?",
    note: 'like gcal-sync-delay (google cal sync) but edits made on the calendar side',
  },
  {
    text: 'can we bcc the hiring manager on the confirmation email the candidate gets?',
    note: 'like candidate-email-template (confirmation email) but recipients',
  },
  {
    text: "daylight saving ends in the US a week before Europe, do i need to do anything for the London/NYC interviews already booked across that week?",
    note: 'like time zone entries but DST on booked interviews',
  },
  {
    text: "we're archiving a bunch of old greenhouse jobs, will that wipe the interview history in goodtime?",
    note: 'like greenhouse-sync (greenhouse jobs) but archiving effects',
  },
  {
    text: "lever is putting a second copy of every interview on the interviewers' calendars on top of the goodtime one",
    note: 'like lever-feedback-link (lever interviews) but duplicate events',
  },
  {
    text: 'can i have the scheduling efficiency report emailed to me automatically every monday morning?',
    note: 'like reporting-time-to-schedule (that report) but scheduled delivery',
  },
  {
    text: 'can we keep the candidate in one room for the whole onsite instead of making her move rooms between sessions?',
    note: 'like room-booking (rooms, onsite) but same room across sessions',
  },
  {
    text: 'do interviewers get a text message if their interview gets moved last minute?',
    note: 'like cancel-interview / reschedule (notified) but SMS to interviewers',
  },
  {
    text: "can goodtime nudge interviewers who still haven't accepted the calendar invite a day before the interview?",
    note: 'like panel/calendar entries (invite) but interviewer reminders',
  },
  {
    text: 'a candidate picked a slot on thanksgiving from her self-schedule link, can we block company holidays for everyone?',
    note: 'like self-schedule-link / busy-block-ignored but company holidays',
  },
  {
    text: 'does the interviewer load limit count phone screens and debriefs too or only onsite sessions?',
    note: 'like interviewer-load-limit but what the limit counts',
  },
  {
    text: 'our shadow interviewers are getting their own scorecards in greenhouse and submitting feedback, can we stop that?',
    note: 'like shadow-interviewer (shadow) but scorecards for shadows',
  },
  {
    text: 'i cancelled the wrong interview by mistake, is there an undo?',
    note: 'like cancel-interview but undoing a cancellation',
  },
  {
    text: "zoom links work but when two interviews overlap the second one says 'host has another meeting in progress'",
    note: 'like zoom-link-missing (zoom links, organizer) but concurrent meetings',
  },
  {
    text: 'how many times has this candidate rescheduled so far? HM wants to know before we move it again',
    note: 'like reschedule-candidate-request (reschedule) but reschedule history',
  },
];
