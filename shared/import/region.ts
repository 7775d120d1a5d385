// A row's country cell → the default region for reading its phones. An export mixing US, German and Chinese
// leads has national numbers ("713-555-0195", "0911 6760") that only read right with the row's own country.

import { getCountries } from 'libphonenumber-js/max';
import { isRegion, type Region } from '../contact/phone.ts';

const ALIASES: Record<string, Region> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  uk: 'GB',
  england: 'GB',
  'great britain': 'GB',
  deutschland: 'DE',
  'p r china': 'CN',
  prc: 'CN',
  "people's republic of china": 'CN',
  中国: 'CN',
  中华人民共和国: 'CN',
  日本: 'JP',
  holland: 'NL',
};

const key = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.,_-]+/g, ' ')
    .trim();

let names: Map<string, Region> | undefined;

/** Country names in English, German, French and Spanish (from Intl), ISO codes and common aliases. */
function table(): Map<string, Region> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES).map(([k, v]) => [key(k), v]));
  for (const locale of ['en', 'de', 'fr', 'es', 'zh']) {
    let display: Intl.DisplayNames;
    try {
      display = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      continue; // a runtime without that locale's data: the aliases and codes still work
    }
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name && name !== code && !names.has(key(name))) names.set(key(name), code);
    }
  }
  return names;
}

export function regionOfCountry(country: string | undefined): Region | undefined {
  const t = country?.trim();
  if (!t) return undefined;
  if (/^[A-Za-z]{2}$/.test(t) && isRegion(t.toUpperCase())) return t.toUpperCase() as Region;
  return table().get(key(t));
}
