// Slack ids of the incidents capability, named `feature.verb`; listeners and blocks import them alike.
export const IncidentIds = {
  declareView: 'incident.declare',
  /** App Home's "Declare an incident" button (liaisons). */
  declareFromHome: 'incident.declare_from_home',
  updateView: 'incident.update',
  linkView: 'incident.link',
  postUpdate: 'incident.post_update',
  link: 'incident.link_items',
  confirmWorks: 'incident.confirm_works',
  confirmBroken: 'incident.confirm_broken',
  block: {
    title: 'incident_title',
    impact: 'incident_impact',
    areas: 'incident_areas',
    message: 'incident_message',
    status: 'incident_status',
    questions: 'incident_questions',
    tickets: 'incident_tickets',
  },
} as const;

/** `/goodtime-help` subcommands. */
export const IncidentCommands = { incident: 'incident', status: 'status' } as const;

export const INCIDENT_JOBS = { stale: 'incident.stale' } as const;
