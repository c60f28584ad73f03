/**
 * This machine's loopback interface: `localhost`, 127.0.0.0/8 and `::1` (also as an IPv4-mapped
 * IPv6 address). Used where local mode (no Bot Framework credentials) must stay on the machine: the
 * interface it listens on (bot/config.ts) and the `serviceUrl`s it replies to (bot/server.ts).
 * Names are not resolved: any other name counts as not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  // IPv4-mapped 127.x.x.x as the URL parser writes it (::ffff:7f00:1).
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
  const v4 = h.startsWith('::ffff:') ? h.slice('::ffff:'.length) : h;
  const parts = v4.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** Whether an http(s) URL points at the loopback interface (the URL parser normalises `127.1`, `0x7f.0.0.1`, …). */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error: unknown) {
    if (!(error instanceof TypeError)) throw error;
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}
