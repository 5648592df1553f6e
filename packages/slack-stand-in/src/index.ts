// @goodtime-help/slack-stand-in: a local Slack (Web API, Events API, Socket Mode), the clients that send an app exactly
// what Slack sends (signed HTTP or Socket Mode envelopes), a person's modal, payload builders, renderers and checks.
export { SlackFake, startSlackFake } from './fake';
export { messagesTabOf } from './store';
export type { MessagesTab } from './store';
export type { SlackFakeOptions } from './fake';
export type { AppConnection, DeliveryResult, DeliverySettings, SocketAppConnection } from './events';
export { SocketModeServer, SOCKET_ACK_TIMEOUT_MS } from './socket-mode';
export type { DisconnectReason, EnvelopeOptions, EnvelopeRecord, EnvelopeResult, EnvelopeType } from './socket-mode';
export { renderBlocks, renderElement, renderMessage, renderView, mrkdwnToText } from './render';
export type { RenderOptions } from './render';
export { formatSlackDate, type DateReader } from './dates';
export { postRaw, postSigned, signSlackRequest, signedHeaders } from './signing';
export type { HttpResult } from './signing';
export { waitFor } from './wait';
export type { WaitOptions } from './wait';
export { TRIGGER_LIFETIME_MS, MAX_MODAL_STACK } from './methods-views';
export { MAX_BLOCKS } from './validate-blocks';
export { MAX_FILES_PER_MESSAGE } from './files';
export { MAX_MESSAGE_TEXT, assertValidMessage, assertValidMetadata, assertValidView } from './validate-surfaces';
export type * from './types';
export { silentLogger } from './silent-logger';

// What Slack sends: interaction payloads and how a person finds things in blocks.
export {
  VERIFICATION_TOKEN, actionFor, blockActionsFromMessage, blockActionsFromView, globalShortcut, messageShortcut,
  slashCommandFields, viewClosed, viewSubmission,
} from './payloads';
export type { MessageActionInput } from './payloads';
export { findButton, findInput, findMenuOption, inputLabel } from './find';
export type { Located } from './find';
export { submissionState } from './view-state';
export type { FillValue } from './view-state';

// A person's open modal.
export { Modal, SLACK_TIMEOUT_MS, TROUBLE_CONNECTING } from './modal';
export type { SubmitResult } from './modal';

// The clients: signed HTTP (like Slack to a Request URL) and Socket Mode (envelopes on the app's WebSocket).
export { createSlackRequestClient, slashCommandRequest } from './slack-client';
export type { EventOptions, SlackRequestClient, SlackRequestClientOptions, SlackResponse, SlashCommandInput } from './slack-client';
export { createSocketModeRequestClient } from './socket-mode-client';
export type { SocketModeRequestClientOptions } from './socket-mode-client';
