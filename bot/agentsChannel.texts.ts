/** The post in the agents' Teams channel about a new callback case. Staff read Danish. */
export const agentsChannelTexts = {
  title: (caseNumber: string) => `Ny opringningsanmodning ${caseNumber}`,
  summary: (caseNumber: string, name: string, topic: string) => `Ring op: ${caseNumber} – ${name}: ${topic}`,
  facts: {
    caseNumber: 'Sag',
    name: 'Navn',
    phone: 'Telefon',
    customerId: 'Kunde-ID',
    topic: 'Emne',
    language: 'Sprog',
    channel: 'Kanal',
    createdAt: 'Oprettet',
  },
  customerIdUnconfirmed: (id: string) => `${id} (oplyst af kunden, ikke bekræftet)`,
  customerIdMissing: '(ikke oplyst)',
  language: (code: string) => (code === 'en' ? 'engelsk' : 'dansk'),
  transcriptTitle: 'Seneste beskeder i samtalen',
  transcriptEmpty: '(ingen beskeder gemt)',
  speaker: { user: 'Kunde', bot: 'Bot' },
};
