// Slack ids of the tickets capability, named `feature.verb`; listeners and blocks import them alike.
export const TicketIds = {
  /** The message shortcut "Escalate to support" (manifest.yml). */
  escalateMessageShortcut: 'ticket.escalate_message',
  fileView: 'ticket.file',
  /** App Home's "File a ticket" button (liaisons). */
  openFromHome: 'ticket.open_from_home',
  changePhaseView: 'ticket.change_phase',
  /** One button per ticket type at the top of the form: `ticket.choose_type.<typeId>`. */
  chooseTypePrefix: 'ticket.choose_type.',
  nextPhase: 'ticket.next_phase',
  changePhase: 'ticket.open_change_phase',
  meToo: 'ticket.me_too',
  escalateCsm: 'ticket.escalate_csm',
  /** On a nudge: a polite reminder to Support by email (once per missed target). */
  chase: 'ticket.chase',
  /** The card's "Reply to Support" and the message shortcut of the same name (manifest.yml), and their form. */
  replyToSupport: 'ticket.reply_to_support',
  replyMessageShortcut: 'ticket.reply_message',
  replyView: 'ticket.reply',
  /** 👍 / 👎 on a closed ticket (value: its id). */
  feedbackUp: 'ticket.feedback_up',
  feedbackDown: 'ticket.feedback_down',
  /** On an open proposal's card (liaisons): send it to the vendor with its votes, or decline it with a reason. */
  promote: 'ticket.promote',
  decline: 'ticket.decline',
  declineView: 'ticket.decline_proposal',
  confirmFixed: 'ticket.confirm_fixed',
  confirmBroken: 'ticket.confirm_broken',
  block: {
    types: 'ticket_types',
    title: 'ticket_title',
    severity: 'ticket_severity',
    reporter: 'ticket_reporter',
    stage: 'ticket_stage',
    reason: 'ticket_reason',
    actions: 'ticket_actions',
    confirm: 'ticket_confirm',
    reopen: 'ticket_reopen',
    note: 'ticket_note',
    feedback: 'ticket_feedback',
    nudge: 'ticket_nudge',
    declineReason: 'proposal_decline_reason',
  },
  /** Input blocks of process fields are `ticket_field_<fieldId>`; a date range has `_from` and `_to`. */
  fieldBlock: (fieldId: string) => `ticket_field_${fieldId}`,
  rangeBlock: (fieldId: string, end: 'from' | 'to') => `ticket_field_${fieldId}_${end}`,
  chooseType: (typeId: string) => `ticket.choose_type.${typeId}`,
} as const;

/** `/goodtime-help` subcommands. */
export const TicketCommands = { ticket: 'ticket', requests: 'requests' } as const;

/** Scheduler job names. */
export const TICKET_JOBS = {
  acknowledgement: 'ticket.acknowledgement_check',
  overstay: 'ticket.overstay_check',
  update: 'ticket.update_check',
  workaround: 'ticket.workaround_check',
  publishPending: 'ticket.publish_pending',
} as const;
