// Data shapes kept by the fake Slack workspace. Field names follow Slack's wire format (snake_case)
// so that what the fake stores is what the Web API returns.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = Record<string, unknown>;
/** A Block Kit block or element as the app sent it (validated, ids filled in). */
export type Block = JsonObject;

export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
  verbatim?: boolean;
}

export interface FakeUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_bot: boolean;
  is_admin: boolean;
  deleted: boolean;
  profile: {
    email?: string;
    real_name: string;
    display_name: string;
    real_name_normalized: string;
    display_name_normalized: string;
    title?: string;
    bot_id?: string;
  };
}

export interface UserInput {
  id?: string;
  name: string;
  real_name?: string;
  display_name?: string;
  email?: string;
  tz?: string;
  is_bot?: boolean;
  is_admin?: boolean;
  deleted?: boolean;
  title?: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  created: number;
  creator: string;
  /** For DMs: the person on the other side of the bot. */
  user?: string;
  members: string[];
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
}

export interface ChannelInput {
  id?: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  members?: string[];
  /** Whether the bot is a member (default true). */
  botMember?: boolean;
  topic?: string;
  purpose?: string;
}

export interface FakeUserGroup {
  id: string;
  team_id: string;
  handle: string;
  name: string;
  users: string[];
}

export interface Reaction {
  name: string;
  users: string[];
  count: number;
}

export interface MessageMetadata {
  event_type: string;
  event_payload: JsonObject;
}

export interface FakeMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  team: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: { id: string; app_id: string; name: string; deleted: boolean; team_id: string };
  blocks?: Block[];
  attachments?: JsonObject[];
  metadata?: MessageMetadata;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  reactions?: Reaction[];
  edited?: { user: string; ts: string };
  client_msg_id?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  /** Files shared with the message (a person's upload): Slack's file objects. */
  files?: SlackFile[];
  /** Set on a file share: the files were uploaded with this message. */
  upload?: boolean;
  display_as_bot?: boolean;
}

/** A file object as Slack puts it in messages, events and files.info (hosted files; no thumbnails). */
export interface SlackFile {
  id: string;
  created: number;
  timestamp: number;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  pretty_type: string;
  user: string;
  user_team: string;
  editable: boolean;
  size: number;
  mode: 'hosted';
  is_external: boolean;
  external_type: string;
  is_public: boolean;
  public_url_shared: boolean;
  display_as_bot: boolean;
  username: string;
  /** Served by the stand-in: needs `Authorization: Bearer <bot token>` and files:read. */
  url_private: string;
  url_private_download: string;
  media_display_type: string;
  permalink: string;
  permalink_public: string;
  has_rich_preview: boolean;
  file_access: string;
}

/** What a person attaches to a message (`fake.userPostMessage(..., { files })`). */
export interface FileUpload {
  name: string;
  mimetype: string;
  content: Buffer | Uint8Array | string;
  /** Default: the name. */
  title?: string;
}

/** A file in the workspace: its Slack file object, its bytes and where it was shared. */
export interface FakeFile {
  file: SlackFile;
  content: Buffer;
  shares: { channel: string; ts: string; thread_ts?: string; user: string }[];
  /** How many times the bytes were served (sign-in pages and 404s not counted). */
  downloads: number;
}

/**
 * One upload the app started with files.getUploadURLExternal (`fake.uploads`): what it announced, the bytes POSTed to
 * the upload URL, and what files.completeUploadExternal did with them.
 */
export interface ExternalUpload {
  /** The `file_id` answered (the file's id once completed). */
  fileId: string;
  /** The `upload_url` answered (on the stand-in's server). */
  uploadUrl: string;
  filename: string;
  /** The `length` announced, in bytes. */
  length: number;
  altTxt?: string;
  snippetType?: string;
  reservedAt: number;
  /** The bytes of the last POST to the upload URL, and whether they came raw or as a multipart form's file part. */
  content?: Buffer;
  encoding?: 'raw' | 'multipart';
  uploadedAt?: number;
  /** Set by files.completeUploadExternal: the title, and the conversations (and message ts) it was shared in; both
   * empty when the file stayed private. */
  completed?: { at: number; title: string; channels: string[]; ts: string[] };
}

/** One GET on a file URL (`fake.fileDownloads`). */
export interface FileDownload {
  /** The file id from the URL ('' when the URL names no file). */
  file: string;
  path: string;
  time: number;
  /** `file`: the bytes; `sign_in`: Slack's HTML sign-in page (HTTP 200); `not_found`: 404. */
  outcome: 'file' | 'sign_in' | 'not_found';
  /** Why the sign-in page was served instead of the file. */
  reason?: 'no_token' | 'invalid_auth' | 'missing_scope' | 'not_visible';
}

/** Something shown to one person only: chat.postEphemeral, a response_url post, or a sync slash command reply. */
export interface FakeEphemeral {
  source: 'chat.postEphemeral' | 'response_url' | 'command_response';
  user: string;
  channel: string;
  ts: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  /** Set when a later response_url post deleted it (replace_original edits it in place). */
  deleted?: boolean;
}

export interface FakeView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: TextObject;
  submit?: TextObject | null;
  close?: TextObject | null;
  blocks: Block[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
  /** Not a Slack field: whose view this is. */
  user: string;
}

export interface CallRecord {
  method: string;
  args: JsonObject;
  time: number;
  ms: number;
  status: number;
  response: JsonObject;
}

export interface Violation {
  method: string;
  error: string;
  messages: string[];
  time: number;
}

export interface EventDelivery {
  eventId: string;
  type: string;
  attempt: number;
  status: number;
  ms: number;
  body: string;
  error?: string;
}

/**
 * 429 and `error` refuse the call; a 5xx fails it before it is applied, or — with `applied: true` — after Slack did
 * the work (the answer was lost on the way back, as with a timeout), so the caller cannot tell.
 */
export type FaultSpec = { status: 429; retryAfter?: number } | { status: 500 | 502 | 503; applied?: boolean } | { error: string };

export interface RateLimits {
  perChannelPerSecond?: number;
  workspacePerMinute?: number;
}

export interface RandomFailures {
  rate: number;
  kinds: (429 | 500 | 503)[];
  /** Methods affected (default: chat.postMessage only). Use ['*'] for all. */
  methods?: string[];
  retryAfter?: number;
}
