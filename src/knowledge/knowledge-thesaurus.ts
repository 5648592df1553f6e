// Pure data: what the people who schedule interviews mean by their words. Each concept is a group of words and short
// phrases that, in GoodTime and recruiting scheduling, ask for the same thing ("find a sub" is "replace an
// interviewer"; "can't make it" is a decline; "Eastern" is a time zone). knowledge-relevance.ts adds a concept's id to any text
// that holds one of its words, at a lower weight than the words themselves, so two questions that share a meaning but
// few words can still meet; and marks an answer down when it lacks a need (any concept not in SUBJECTS) that the
// question names.
//
// Written from the product and the job (GoodTime's features and settings, how coordinators, recruiters and
// interviewers talk about scheduling), one concept at a time, not pair by pair from the labelled sets; the need
// concepts at the end and SUBJECTS came after a held-out set showed that a shared topic alone misleads (README,
// "Suggestion relevance"). A word belongs in a group only if, said in a scheduling channel, it nearly always means the
// group's thing: generic verbs ("add", "send", "see") and words with two common meanings there ("teams" is also a
// team, "role" also a job) stay out or appear only inside a phrase. Words are matched on a coarse stem (knowledge-relevance.ts,
// conceptKey), so check a new word does not collide with a common one ("notes" and "not" were one such pair).

export const CONCEPTS: Record<string, readonly string[]> = {
  // people and their part in an interview
  replacement: ['replace', 'replacement', 'substitute', 'sub', 'swap', 'swap out', 'backup', 'back up interviewer', 'stand in', 'stand-in', 'fill in', 'cover for', 'someone else', 'another interviewer', 'find a replacement'],
  cantAttend: ['decline', 'declined', 'cant make it', 'can not make it', 'cannot make it', 'cant attend', 'unavailable', 'not available', 'no longer available', 'conflict', 'double booked', 'out of office', 'ooo', 'pto', 'sick', 'drop out', 'dropped out', 'pull out', 'pulled out', 'bail'],
  interviewer: ['interviewer', 'panelist', 'panellist', 'interview panel member'],
  pool: ['pool', 'interviewer pool', 'rotation', 'roster', 'bench of interviewers', 'qualified interviewers', 'trained interviewers'],
  selection: ['pick', 'picking', 'choose', 'choosing', 'select', 'selecting', 'selection', 'assign', 'assignment', 'round robin', 'allocate'],
  training: ['training', 'trained', 'trainee', 'train', 'certified', 'certification', 'qualified', 'qualify', 'onboarding interviewer', 'graduate', 'ramp up'],
  shadow: ['shadow', 'shadowing', 'reverse shadow', 'sit in', 'sits in', 'sitting in', 'observe', 'observer', 'listen in', 'tag along'],
  load: ['load', 'load limit', 'limit', 'cap', 'max', 'maximum', 'quota', 'too many interviews', 'overloaded', 'overworked', 'burnout', 'burn out', 'fatigue', 'per week', 'per day', 'spread evenly', 'fair share'],
  attendee: ['attendee', 'optional attendee', 'guest', 'participant', 'invitee'],
  candidate: ['candidate', 'applicant', 'interviewee'],
  hiringTeam: ['hiring team', 'hiring manager', 'hm', 'recruiter', 'coordinator', 'sourcer', 'recruiting coordinator', 'rc'],
  access: ['access', 'permission', 'permissions', 'user role', 'hiring team role', 'access rights', 'privileges', 'visibility', 'visible'],

  // the interview and its parts
  panel: ['panel', 'loop', 'onsite', 'on-site', 'on site', 'virtual onsite', 'final round', 'superday', 'super day', 'interview day'],
  session: ['session', 'round', 'segment', 'leg', 'slot', 'time slot', 'interview slot'],
  order: ['order', 'reorder', 're-order', 'sequence', 'rearrange', 're-arrange', 'swap order'],
  buffer: ['buffer', 'break', 'gap', 'padding', 'back to back', 'back-to-back', 'between sessions', 'between interviews', 'rest', 'lunch break', 'breather'],
  template: ['template', 'interview template', 'interview plan', 'interview kit', 'stage template', 'blueprint'],
  phoneScreen: ['phone screen', 'phone screening', 'screening call', 'recruiter screen', 'phone interview', 'intro call'],
  debrief: ['debrief', 'wrap up', 'wrap-up', 'roundup', 'round up', 'huddle', 'decision meeting', 'hiring decision'],
  feedback: ['feedback', 'feedback form', 'scorecard', 'evaluation', 'rating', 'assessment', 'write-up', 'writeup'],

  // what people do to an interview
  schedule: ['schedule', 'book', 'booking', 'arrange', 'set up interview', 'put on the calendar'],
  reschedule: ['reschedule', 'rebook', 're-book', 'move', 'push', 'push back', 'postpone', 'bump', 'new time', 'different time', 'another day', 'different day'],
  cancel: ['cancel', 'cancelled', 'canceled', 'cancellation', 'call off', 'called off', 'calls off', 'scrap', 'withdraw', 'withdrew', 'no longer needed'],
  create: ['create', 'set up', 'setup', 'build', 'make a new', 'brand new', 'from scratch', 'configure'],
  edit: ['edit', 'change', 'update', 'modify', 'tweak', 'adjust', 'revise', 'customize', 'customise'],
  automatic: ['automatic', 'automatically', 'auto', 'auto-schedule', 'autoschedule', 'auto-book', 'autobook', 'automate', 'automation', 'by itself', 'on its own'],
  selfSchedule: ['self-schedule', 'self schedule', 'self scheduling', 'self-scheduling', 'self-serve', 'self serve', 'booking link', 'scheduling link', 'calendly', 'book themselves', 'pick a time', 'choose a time', 'pick a slot', 'book a slot', 'their own time'],
  turnOff: ['turn off', 'disable', 'switch off', 'opt out', 'unsubscribe', 'mute', 'stop sending'],
  turnOn: ['turn on', 'enable', 'switch on', 'activate', 'opt in'],

  // calendars and time
  calendar: ['calendar', 'cal', 'gcal', 'google calendar', 'outlook calendar', 'schedule view'],
  google: ['google', 'gcal', 'gsuite', 'g suite', 'google workspace', 'gmail'],
  microsoft: ['outlook', 'o365', 'office 365', 'microsoft 365', 'm365', 'microsoft', 'msft', 'exchange', 'azure ad', 'entra'],
  event: ['event', 'calendar event', 'invite', 'invitation', 'calendar invite', 'meeting', 'appointment', 'appt'],
  hold: ['hold', 'holds', 'tentative', 'placeholder', 'pencil', 'pencilled', 'penciled', 'reserved time'],
  busy: ['busy', 'blocked', 'blocked off', 'block off', 'busy block', 'focus time', 'personal event', 'private event', 'free busy', 'free/busy', 'marked free', 'show as free'],
  availability: ['availability', 'available', 'free time', 'open time', 'openings', 'open slots', 'free slots'],
  workingHours: ['working hours', 'work hours', 'business hours', 'office hours', 'after hours', 'their time', 'local time', 'at night', 'middle of the night', 'early morning', 'late evening'],
  timezone: ['timezone', 'time zone', 'tz', 'pst', 'pdt', 'pt', 'pacific', 'est', 'edt', 'et', 'eastern', 'cst', 'cdt', 'ct', 'central time', 'mst', 'mdt', 'mountain time', 'utc', 'gmt', 'bst', 'cet', 'cest', 'ist', 'sgt', 'aest', 'jst', 'daylight saving', 'dst'],
  expiry: ['expire', 'expired', 'expiry', 'expiration', 'lapse', 'lapsed', 'release', 'released', 'stale', 'lingering', 'leftover', 'left over'],
  slow: ['slow', 'delay', 'delayed', 'lag', 'lagging', 'taking forever', 'takes forever', 'takes a while', 'long time', 'eventually'],

  // systems and connections
  sync: ['sync', 'synced', 'syncing', 'resync', 're-sync', 'sync now', 'synchronize', 'propagate', 'show up', 'showing up', 'appear', 'come through', 'pull through', 'flow through'],
  connect: ['connect', 'connection', 'connected', 'reconnect', 'integrate', 'integration', 'integrated', 'hook up', 'hook into', 'plug into', 'plug in', 'authorize', 'reauthorize', 'authorise', 'oauth', 'consent', 'link up'],
  ats: ['ats', 'applicant tracking', 'greenhouse', 'gh', 'lever', 'workday', 'workday recruiting', 'icims', 'smartrecruiters', 'jobvite', 'taleo', 'successfactors', 'ashby'],
  stage: ['stage', 'pipeline', 'interview stage', 'job stage', 'stage mapping'],
  req: ['req', 'requisition', 'job', 'job opening', 'position', 'posting'],
  login: ['login', 'log in', 'sign in', 'signin', 'sso', 'saml', 'okta', 'password', 'authenticate', 'authentication', 'locked out'],
  conferencing: ['video conferencing', 'web conferencing', 'video', 'video call', 'video link', 'meeting link', 'conference link', 'dial-in', 'dial in', 'zoom', 'microsoft teams', 'teams meeting', 'teams link', 'teams call', 'ms teams', 'google meet', 'meet link', 'webex', 'virtual'],
  room: ['room', 'conference room', 'meeting room', 'resource', 'location', 'office space'],

  // messages to people
  email: ['email', 'e-mail', 'mail', 'inbox', 'message'],
  notification: ['notify', 'notified', 'notification', 'notice', 'alert', 'heads up', 'let know', 'let everyone know', 'let them know', 'inform', 'reminder'],
  confirmation: ['confirmation', 'confirm', 'confirmed', 'confirmation email', 'itinerary', 'interview details'],
  content: ['wording', 'copy', 'content', 'body', 'line', 'paragraph', 'blurb', 'info', 'instructions'],
  notReceived: ['never got', 'never received', 'didnt get', 'didnt receive', 'did not get', 'did not receive', 'not received', 'havent received', 'hasnt received', 'nothing in', 'no email', 'missing email', 'bounced', 'bounce', 'spam', 'junk', 'not delivered', 'undelivered', 'delivery'],
  resend: ['resend', 're-send', 'send again', 'send it again', 'send another', 'send a new'],

  // numbers about scheduling
  report: ['report', 'reports', 'reporting', 'analytics', 'dashboard', 'metrics', 'stats', 'statistics', 'insights', 'kpi'],
  timeToSchedule: ['time to schedule', 'time-to-schedule', 'scheduling efficiency', 'turnaround', 'how long it takes', 'how quickly', 'speed'],
  review: ['qbr', 'quarterly business review', 'quarterly review', 'quarterly', 'monthly review', 'leadership review'],

  // what else people ask about: no answer may need these yet, but a question that mentions one asks for that thing,
  // so its word stays in the question's own score (knowledge-relevance.ts leaves out words that neither the answers nor this
  // thesaurus know, such as names and places)
  recording: ['record', 'recording', 'recorded', 'transcript', 'transcription', 'notetaker', 'note taker'],
  notes: ['notes', 'interview notes', 'note taking', 'private notes'],
  error: ['error', 'bug', 'crash', 'crashes', 'crashing', 'fail', 'failing', 'failed', 'glitch', 'not working', 'stopped working', 'outage', 'down', 'blank page', 'spinning', 'frozen', 'freezes'],
  mobile: ['mobile', 'mobile app', 'iphone', 'android', 'ios', 'ipad', 'tablet', 'phone browser'],
  sms: ['sms', 'text message', 'text messages', 'whatsapp'],
  duplicate: ['duplicate', 'duplicated', 'duplicates', 'twice', 'two copies', 'repeated', 'double sent'],
  export: ['export', 'download', 'csv', 'spreadsheet', 'excel', 'google sheet'],
  resume: ['resume', 'cv', 'attachment', 'portfolio', 'linkedin profile'],
  accommodation: ['accommodation', 'accommodations', 'accessibility', 'accessible', 'interpreter', 'sign language', 'disability', 'ada', 'wheelchair'],
  offer: ['offer', 'offer call', 'offer letter', 'verbal offer'],
  checks: ['reference check', 'references', 'background check'],
  lobby: ['lobby', 'waiting room', 'admit', 'let in'],
  addIn: ['add-in', 'addin', 'plugin', 'plug-in', 'extension', 'chrome extension', 'sidebar'],
  hardware: ['display', 'kiosk', 'signage', 'room panel', 'tv'],
  language: ['language', 'translate', 'translation', 'spanish', 'french', 'german', 'localize'],
  privacy: ['gdpr', 'privacy', 'data retention', 'pii', 'delete candidate data'],
  billing: ['license', 'licenses', 'seat', 'seats', 'billing', 'invoice', 'pricing'],
  api: ['api', 'webhook', 'endpoint', 'zapier'],
  bulk: ['bulk', 'mass', 'batch', 'all at once'],
  survey: ['survey', 'nps', 'candidate experience'],
  travel: ['travel', 'flight', 'hotel', 'parking', 'directions', 'lodging'],
  manual: ['manual', 'manually', 'by hand', 'ad hoc', 'ad-hoc', 'one-off'],
  sender: ['sender', 'from address', 'reply-to', 'reply to address', 'no-reply', 'noreply', 'logo', 'branding'],
  eventTitle: ['title', 'event title', 'event name', 'subject line'],
  catering: ['lunch', 'catering', 'food', 'meal', 'coffee'],
  overview: ['overview', 'view', 'at a glance', 'in one place', 'one view', 'single view', 'summary view', 'side by side'],
  rsvp: ['rsvp', 'responses', 'response status', 'accepted', 'tentatively accepted'],
};

/**
 * Concepts that say what or whom a question is about (the candidate, a panel, a calendar, the ATS), not what it asks
 * for. Every other concept is a need: a question that names one asks for that thing, so an answer without it is a
 * weaker match ("cancel a self-schedule link" is not answered by how to send one).
 */
export const SUBJECTS: ReadonlySet<string> = new Set([
  'interviewer', 'candidate', 'hiringTeam', 'pool', 'panel', 'session', 'template', 'phoneScreen', 'debrief', 'feedback',
  'schedule', 'calendar', 'google', 'microsoft', 'event', 'hold', 'busy', 'availability', 'workingHours', 'timezone',
  'ats', 'stage', 'req', 'conferencing', 'room', 'email', 'confirmation',
]);
