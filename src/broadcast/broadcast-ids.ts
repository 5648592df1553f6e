// Slack names of the broadcast capability: the message metadata type every broadcast message carries, so a send in
// doubt can be found in its channel afterwards.
export const INCIDENT_METADATA_TYPE = 'goodtime_incident';
