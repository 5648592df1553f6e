// The Slack test harness: a fake Slack (Web API + event delivery), renderers and helpers.
export { SlackFake, startSlackFake } from './fake';
export type { SlackFakeOptions } from './fake';
export type { AppConnection, DeliveryResult, DeliverySettings, SocketAppConnection } from './events';
export { SocketModeServer, SOCKET_ACK_TIMEOUT_MS } from './socket-mode';
export type { DisconnectReason, EnvelopeOptions, EnvelopeRecord, EnvelopeResult, EnvelopeType } from './socket-mode';
export { renderBlocks, renderElement, renderMessage, renderView, mrkdwnToText } from './render';
export type { RenderOptions } from './render';
export { signSlackRequest } from './signing';
export { waitFor } from './wait';
export type { WaitOptions } from './wait';
export { TRIGGER_LIFETIME_MS, MAX_MODAL_STACK } from './methods-views';
export { MAX_BLOCKS } from './validate-blocks';
export { MAX_MESSAGE_TEXT } from './validate-surfaces';
export type * from './types';
export { silentLogger } from './silent-logger';
