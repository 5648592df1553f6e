// Files in messages: Slack's file objects, the private download URLs (files-pri) that need the bot token with
// files:read (otherwise Slack answers HTTP 200 with its HTML sign-in page), and files.info. The app's own uploads
// (files.getUploadURLExternal, the upload URL, files.completeUploadExternal) are in uploads.ts.
import { requireStr, SlackError } from './util';
import type { Handler } from './methods-chat';
import type { Workspace } from './store';
import type { FakeFile, FakeMessage, FileDownload, FileUpload, JsonObject, SlackFile } from './types';

/** Path prefix of the private file URLs, as on files.slack.com. */
export const FILES_PATH = '/files-pri/';
/** Slack lets a person attach at most 10 files to one message. */
export const MAX_FILES_PER_MESSAGE = 10;

const TYPES: Record<string, [filetype: string, pretty: string]> = {
  png: ['png', 'PNG'], jpg: ['jpg', 'JPEG'], jpeg: ['jpg', 'JPEG'], gif: ['gif', 'GIF'], webp: ['webp', 'WebP'],
  heic: ['heic', 'HEIC'], svg: ['svg', 'SVG'], bmp: ['bmp', 'BMP'], pdf: ['pdf', 'PDF'], txt: ['text', 'Plain Text'],
  csv: ['csv', 'CSV'], json: ['json', 'JSON'], html: ['html', 'HTML'], zip: ['zip', 'Zip'], mp4: ['mp4', 'MPEG 4 Video'],
  mov: ['mov', 'QuickTime Movie'], docx: ['docx', 'Word Document'], xlsx: ['xlsx', 'Excel Spreadsheet'],
  pptx: ['pptx', 'PowerPoint Presentation'], log: ['text', 'Plain Text'], md: ['markdown', 'Markdown (raw)'],
};

function typeOf(name: string, mimetype: string): [string, string] {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const known = TYPES[ext];
  if (known) return known;
  if (mimetype === 'text/plain') return ['text', 'Plain Text'];
  return ['binary', 'Binary'];
}

/** Stores files (a person's, or the app's own uploads) and returns their file objects (URLs on the stand-in's server). */
export function storeUploads(ws: Workspace, baseUrl: string, user: string, channel: string, uploads: FileUpload[], reservedId?: string): SlackFile[] {
  if (uploads.length > MAX_FILES_PER_MESSAGE) {
    throw new Error(`slack-fake: Slack lets a person attach at most ${MAX_FILES_PER_MESSAGE} files to a message (got ${uploads.length})`);
  }
  const isPublic = channel !== '' && !ws.requireChannel(channel).is_private;
  return uploads.map((upload) => {
    if (!upload.name) throw new Error('slack-fake: a file needs a name');
    if (!upload.mimetype) throw new Error(`slack-fake: ${upload.name} needs a mimetype`);
    const content = typeof upload.content === 'string' ? Buffer.from(upload.content, 'utf8') : Buffer.from(upload.content);
    const id = reservedId ?? ws.ids.next('F');
    const seconds = Math.floor(ws.now() / 1000);
    const [filetype, prettyType] = typeOf(upload.name, upload.mimetype);
    const path = `${FILES_PATH}${ws.team.id}-${id}`;
    const name = encodeURIComponent(upload.name);
    const file: SlackFile = {
      id, created: seconds, timestamp: seconds, name: upload.name, title: upload.title ?? upload.name,
      mimetype: upload.mimetype, filetype, pretty_type: prettyType, user, user_team: ws.team.id, editable: false,
      size: content.length, mode: 'hosted', is_external: false, external_type: '', is_public: isPublic,
      public_url_shared: false, display_as_bot: false, username: '',
      url_private: `${baseUrl}${path}/${name}`, url_private_download: `${baseUrl}${path}/download/${name}`,
      media_display_type: 'unknown',
      permalink: `https://${ws.team.domain}.slack.com/files/${user}/${id}/${name}`,
      permalink_public: `https://slack-files.com/${ws.team.id}-${id}-${id.slice(1, 11).toLowerCase()}`,
      has_rich_preview: false, file_access: 'visible',
    };
    ws.files.set(id, { file, content, shares: [], downloads: 0 });
    return file;
  });
}

/** Records where the message's files were shared (files.info `shares`, what the bot may read). */
export function recordShares(ws: Workspace, message: FakeMessage): void {
  for (const file of message.files ?? []) {
    const share = { channel: message.channel, ts: message.ts, user: message.user ?? '', ...(message.thread_ts && message.thread_ts !== message.ts ? { thread_ts: message.thread_ts } : {}) };
    ws.files.get(file.id)?.shares.push(share);
  }
}

/** files:read lets the bot read its own files and files shared in conversations it is in. */
function visibleToBot(ws: Workspace, stored: FakeFile): boolean {
  if (stored.file.user === ws.bot.userId) return true;
  return stored.shares.some((s) => {
    const channel = ws.channels.get(s.channel);
    return channel !== undefined && ws.isBotMember(channel);
  });
}

/** The file object files.info returns: the message's, plus where it was shared. */
function fileInfo(ws: Workspace, stored: FakeFile): JsonObject {
  const ids = (kind: 'public' | 'private' | 'im') => [...new Set(stored.shares.map((s) => s.channel))].filter((id) => {
    const channel = ws.channels.get(id);
    if (!channel) return false;
    if (kind === 'im') return channel.is_im;
    return kind === 'private' ? channel.is_private && !channel.is_im : !channel.is_private;
  });
  const shares: Record<string, Record<string, JsonObject[]>> = {};
  for (const share of stored.shares) {
    const channel = ws.channels.get(share.channel);
    if (!channel || !ws.isBotMember(channel)) continue;
    const kind = channel.is_private ? 'private' : 'public';
    const entry: JsonObject = {
      ts: share.ts, channel_name: channel.is_im ? 'directmessage' : channel.name, team_id: ws.team.id, share_user_id: share.user,
      reply_users: [], reply_users_count: 0, reply_count: 0, source: 'UNKNOWN', is_silent_share: false,
      ...(share.thread_ts ? { thread_ts: share.thread_ts } : {}),
    };
    ((shares[kind] ??= {})[channel.id] ??= []).push(entry);
  }
  return { ...structuredClone(stored.file), channels: ids('public'), groups: ids('private'), ims: ids('im'), shares, comments_count: 0 };
}

export const fileMethods: Record<string, Handler> = {
  'files.info': (args, { ws }) => {
    const stored = ws.files.get(requireStr(args, 'file', 'files.info'));
    if (!stored || !visibleToBot(ws, stored)) throw new SlackError('file_not_found');
    return { file: fileInfo(ws, stored), comments: [], response_metadata: { next_cursor: '' } };
  },
};

export interface FileResponse {
  status: number;
  body: Buffer | string;
  headers: Record<string, string>;
}

/** Slack's answer to a request without a token that may read the file: HTTP 200 and its sign-in page. */
function signInPage(ws: Workspace): FileResponse {
  const html = `<!DOCTYPE html>
<html lang="en-US">
<head><meta charset="utf-8"><title>Slack</title></head>
<body>
<h1>Sign in to ${ws.team.name}</h1>
<p>${ws.team.domain}.slack.com</p>
<form id="signin_form" action="/" method="post"><input type="email" name="email" placeholder="name@work-email.com"><button type="submit">Sign in with Email</button></form>
</body>
</html>
`;
  return { status: 200, body: html, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
}

export interface FileAccess {
  ws: Workspace;
  botToken: string;
  downloads: FileDownload[];
}

/**
 * GET (or HEAD) on `/files-pri/<team>-<file>/<name>` (view) or `/files-pri/<team>-<file>/download/<name>`.
 * With `Authorization: Bearer <bot token>` and files:read: the bytes (Content-Type = the file's mimetype).
 * Otherwise (no header, another token, no files:read, a file from a conversation the bot is not in): 200 with the
 * HTML sign-in page, as Slack does. Unknown file: 404.
 */
export function serveFile(access: FileAccess, method: string, pathname: string, authorization: string | undefined): FileResponse {
  const { ws } = access;
  const match = /^\/files-pri\/([^/-]+)-(F[A-Z0-9]+)\/(download\/)?[^/]+$/.exec(pathname);
  const stored = match && match[1] === ws.team.id ? ws.files.get(match[2] ?? '') : undefined;
  const record = (outcome: FileDownload['outcome'], reason?: FileDownload['reason']) => {
    access.downloads.push({ file: match?.[2] ?? '', path: pathname, time: ws.now(), outcome, ...(reason ? { reason } : {}) });
  };
  if (!stored || (method !== 'GET' && method !== 'HEAD')) {
    record('not_found');
    return { status: 404, body: 'Not Found', headers: { 'Content-Type': 'text/plain' } };
  }
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  let reason: FileDownload['reason'];
  if (!token) reason = 'no_token';
  else if (token !== access.botToken) reason = 'invalid_auth';
  else if (ws.scopes && !ws.scopes.has('files:read')) reason = 'missing_scope';
  else if (!visibleToBot(ws, stored)) reason = 'not_visible';
  if (reason) {
    record('sign_in', reason);
    return signInPage(ws);
  }
  record('file');
  stored.downloads += 1;
  const headers: Record<string, string> = {
    'Content-Type': stored.file.mimetype, 'Content-Length': String(stored.content.length), 'Cache-Control': 'private, no-transform',
  };
  if (match?.[3]) headers['Content-Disposition'] = `attachment; filename="${stored.file.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(stored.file.name)}`;
  return { status: 200, body: stored.content, headers };
}
