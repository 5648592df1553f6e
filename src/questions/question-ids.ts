// Slack ids of the questions capability, named `feature.verb`; listeners and blocks import them alike.
export const QuestionIds = {
  askView: 'question.ask',
  openAsk: 'question.open_ask',
  editView: 'question.edit',
  chooseAnswerView: 'question.choose_answer',
  take: 'question.take',
  markAnswered: 'question.mark_answered',
  escalate: 'question.escalate',
  manage: 'question.manage',
  reopen: 'question.reopen',
  /** While asking: an answered question is offered; "Ask the team anyway" submits this view, "This solved it" is a button. */
  suggestedView: 'question.suggested',
  solvedBefore: 'question.solved_before',
  /** The asker's answer to "Did this answer it?" (value `<questionId>:<replyTs>`). */
  answeredYes: 'question.answered_yes',
  answeredNo: 'question.answered_no',
  /** 👍 / 👎 on an answered question (value: its id). */
  feedbackUp: 'question.feedback_up',
  feedbackDown: 'question.feedback_down',
  manageEdit: 'edit',
  manageWithdraw: 'withdraw',
  block: {
    text: 'question_text',
    category: 'question_category',
    blocked: 'question_blocked',
    interviewUrl: 'context_interview_url',
    candidate: 'context_candidate',
    interviewer: 'context_interviewer',
    position: 'context_position',
    interviewTemplate: 'context_template',
    dateFrom: 'context_date_from',
    dateTo: 'context_date_to',
    errorMessage: 'context_error',
    answer: 'answer_choice',
    incident: 'question_incident',
    suggestion: 'question_suggestion',
    answerCheck: 'question_answer_check',
    feedback: 'question_feedback',
  },
} as const;

/** Scheduler job names. */
export const QUESTION_JOBS = {
  remind: 'question.remind',
  escalate: 'question.escalate',
  publishPending: 'question.publish_pending',
  answerCheck: 'question.answer_check',
  autoclose: 'question.autoclose',
} as const;
