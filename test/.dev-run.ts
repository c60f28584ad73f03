import { startBot } from './helpers/server';
import { MailSink } from './helpers/mailSink';
(async () => {
  const sink = await new MailSink().start();
  const bot = await startBot({ SMTP_URL: sink.url });
  console.log('URL', bot.url);
  setInterval(() => { if (sink.mails.length) { console.log('MAIL', sink.mails.map(m => m.raw.match(/(?:engangskode er|one-time code is): (\d{6})/)?.[1]).join(',')); sink.mails.length = 0; } }, 500);
})();
