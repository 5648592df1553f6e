import type { FieldOption, TicketField } from '../process-schema';

// What GoodTime Support asks for: seed 002, seeds/README.md (interview URL first, impact) and seed 004
// (trying to do / expected / happened). Order is form order.

const usersAffected: FieldOption[] = [
  { value: 'one-user', label: 'Only me (one user)' },
  { value: 'several-users', label: 'Several users' },
  { value: 'organisation', label: 'The whole organisation' },
];

const attachments: TicketField = {
  id: 'attachments',
  label: 'Links to screenshots or recordings',
  kind: 'multiline',
  required: false,
  hint: 'One link per line. Screenshots of the issue and of your workflow help most.',
};

const whereInProduct: TicketField = {
  id: 'whereInProduct',
  label: 'Where in GoodTime?',
  kind: 'text',
  required: false,
  hint: 'Which section of the product are you in? Which feature are you using?',
  maxLength: 300,
};

export const goodtimeBugFields: TicketField[] = [
  {
    id: 'interviewUrl',
    label: 'Interview URL',
    kind: 'url',
    required: false,
    hint: 'Paste it first: it is the quickest way for Support to find the interview. Leave empty for a broader issue.',
  },
  { id: 'tryingToDo', label: 'What were you trying to do?', kind: 'multiline', required: true, maxLength: 3000 },
  { id: 'expected', label: 'What did you expect to happen?', kind: 'multiline', required: false, maxLength: 3000 },
  {
    id: 'actual',
    label: 'What actually happened?',
    kind: 'multiline',
    required: true,
    hint: 'A clear description of what the issue is and where you are seeing it.',
    maxLength: 3000,
  },
  { id: 'errorMessages', label: 'Error messages', kind: 'multiline', required: false, hint: 'Copy the exact text.' },
  {
    id: 'candidates',
    label: 'Candidate names and emails',
    kind: 'email-list',
    required: false,
    hint: 'One per line, e.g. Ada Lovelace <ada@example.com>',
  },
  { id: 'interviewers', label: 'Interviewers', kind: 'text', required: false, maxLength: 500 },
  { id: 'position', label: 'Position', kind: 'text', required: false, maxLength: 200 },
  {
    id: 'interviewTemplate',
    label: 'Interview template',
    kind: 'multiline',
    required: false,
    hint: 'The template name, and any changes you made to the panel events or interviewers.',
  },
  { id: 'dateRange', label: 'Date/time range', kind: 'date-range', required: false },
  whereInProduct,
  attachments,
  {
    id: 'interviewsAffected',
    label: 'Interviews affected',
    kind: 'select',
    required: true,
    options: [
      { value: 'one', label: 'One interview' },
      { value: 'many', label: 'Many interviews' },
      { value: 'none', label: 'Not tied to a specific interview' },
    ],
  },
  { id: 'usersAffected', label: 'Who is affected?', kind: 'select', required: true, options: usersAffected },
  {
    id: 'rolesAffected',
    label: 'Is it impacting the coordinator, interviewer or candidate?',
    kind: 'multiselect',
    required: false,
    options: [
      { value: 'coordinator', label: 'Coordinator' },
      { value: 'interviewer', label: 'Interviewer' },
      { value: 'candidate', label: 'Candidate' },
    ],
  },
  {
    id: 'recurrence',
    label: 'When does it happen?',
    kind: 'select',
    required: true,
    options: [
      { value: 'now', label: 'Happening right now' },
      { value: 'one-time', label: 'Happened once (one-time)' },
      { value: 'recurring', label: 'Keeps happening (recurring)' },
    ],
  },
];

export const goodtimeFeatureFields: TicketField[] = [
  { id: 'request', label: 'What would you like GoodTime to do?', kind: 'multiline', required: true, maxLength: 3000 },
  {
    id: 'why',
    label: 'Why would it help?',
    kind: 'multiline',
    required: true,
    hint: 'Explain why you would like to see this feature and how it would help your process.',
    maxLength: 3000,
  },
  whereInProduct,
  { id: 'usersAffected', label: 'Who would benefit?', kind: 'select', required: false, options: usersAffected },
  attachments,
];

export const goodtimeQuestionFields: TicketField[] = [
  { id: 'question', label: 'Your question', kind: 'multiline', required: true, maxLength: 3000 },
  {
    id: 'interviewUrl',
    label: 'Interview URL',
    kind: 'url',
    required: false,
    hint: 'If the question is about a specific interview.',
  },
  whereInProduct,
  {
    id: 'why',
    label: 'What are you trying to achieve?',
    kind: 'multiline',
    required: false,
    hint: 'Why you ask helps Support answer the question behind the question.',
    maxLength: 3000,
  },
  attachments,
];
