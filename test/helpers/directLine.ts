/** A tiny client for the bot's local Direct Line endpoint, speaking the protocol the way Web Chat does. */
export interface DirectLineActivity {
  type: string;
  id: string;
  text?: string;
  locale?: string;
  channelId?: string;
  from: { id: string; role?: string; name?: string };
  channelData?: { clientActivityID?: string };
  attachments?: { contentType: string; name?: string; contentUrl?: string }[];
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

export class LocalDirectLineClient {
  watermark = '';
  readonly seen: DirectLineActivity[] = [];
  conversationId = '';
  token = '';
  private domain = '';

  constructor(private readonly botUrl: string) {}

  /** POST /api/directline/token, then POST {domain}/conversations with the token (as Web Chat does). */
  async start(locale = 'da-DK'): Promise<this> {
    const res = await fetch(`${this.botUrl}/api/directline/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale }) });
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    const ticket = (await res.json()) as { token: string; domain: string; conversationId: string };
    this.domain = new URL(ticket.domain, this.botUrl).href;
    this.token = ticket.token;
    const started = await this.request('POST', '/conversations', { user: { id: 'r_browser' }, locale });
    if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.json)}`);
    this.conversationId = (started.json as { conversationId: string }).conversationId;
    return this;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; text: string }> {
    const res = await fetch(`${this.domain}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, json, text };
  }

  /** Posts a message; resolves with the new activities since the last poll (the echo and the bot's replies). */
  async say(text: string, locale = 'da-DK'): Promise<DirectLineActivity[]> {
    const clientActivityID = `c_${Math.random().toString(36).slice(2)}`;
    const posted = await this.request('POST', `/conversations/${this.conversationId}/activities`, {
      type: 'message',
      text,
      locale,
      from: { id: 'r_browser', role: 'user' },
      channelData: { clientActivityID },
    });
    if (posted.status !== 200) throw new Error(`post: ${posted.status} ${posted.text}`);
    return this.poll();
  }

  /** Uploads files the way directlinejs does: multipart with an `activity` part and `file` parts. */
  async upload(files: { name: string; type: string; bytes: Buffer }[], locale = 'da-DK'): Promise<{ status: number; activities: DirectLineActivity[] }> {
    const form = new FormData();
    const activity = { type: 'message', locale, from: { id: 'r_browser', role: 'user' }, channelData: { clientActivityID: 'c_upload' }, attachments: files.map((f) => ({ contentType: f.type, name: f.name })) };
    form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
    for (const f of files) form.append('file', new Blob([f.bytes], { type: f.type }), f.name);
    const res = await fetch(`${this.domain}/conversations/${this.conversationId}/upload?userId=r_browser`, { method: 'POST', headers: { authorization: `Bearer ${this.token}` }, body: form });
    await res.text();
    return { status: res.status, activities: res.status === 200 ? await this.poll() : [] };
  }

  /** GET …/activities?watermark=: everything new. */
  async poll(): Promise<DirectLineActivity[]> {
    const res = await this.request('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    if (res.status !== 200) throw new Error(`poll: ${res.status} ${res.text}`);
    const { activities, watermark } = res.json as { activities: DirectLineActivity[]; watermark: string };
    this.watermark = watermark;
    this.seen.push(...activities);
    return activities;
  }
}

/** The bot's replies among activities. */
export function botTexts(activities: DirectLineActivity[]): string[] {
  return activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map((a) => a.text ?? '');
}
