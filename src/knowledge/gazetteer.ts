import { createRequire } from 'node:module';
import type { Country } from 'world-countries';
import type { EntityType } from '../db/index.js';

/** One entry of the starter gazetteer: what `masthead entities seed` puts in the registry. */
export interface SeedEntity {
  type: EntityType;
  name: string;
  description: string;
  aliases: { alias: string; language: string | null }[];
}

// Short codes are mostly noise ("RU", "CZ" match nothing a reporter writes); these few are words.
const CODES_USED_AS_NAMES = new Set(['USA', 'UK', 'UAE', 'DRC', 'PRC']);

// The package is CommonJS whose types claim a default export; require gives the array it really is.
const countries = createRequire(import.meta.url)('world-countries') as Country[];

/** Countries with their official, native and translated names; capitals by their English name. */
function countryEntries(): SeedEntity[] {
  const out: SeedEntity[] = [];
  for (const c of countries) {
    const aliases = new Map<string, string | null>();
    const add = (alias: string | undefined, language: string | null) => {
      if (alias && !aliases.has(alias)) aliases.set(alias, language);
    };
    add(c.name.official, 'eng');
    for (const [lang, n] of Object.entries(c.name.native ?? {})) {
      add(n.common, lang);
      add(n.official, lang);
    }
    for (const [lang, n] of Object.entries(c.translations ?? {})) {
      add(n.common, lang);
      add(n.official, lang);
    }
    for (const s of c.altSpellings) if (s.length > 3 || CODES_USED_AS_NAMES.has(s)) add(s, null);
    aliases.delete(c.name.common);
    out.push({
      type: 'place',
      name: c.name.common,
      description: `Country in ${c.subregion || c.region}`,
      aliases: [...aliases].map(([alias, language]) => ({ alias, language })),
    });
    for (const capital of c.capital ?? []) {
      out.push({ type: 'place', name: capital, description: `Capital of ${c.name.common}`, aliases: [] });
    }
  }
  return out;
}

const org = (name: string, description: string, ...aliases: string[]): SeedEntity => ({
  type: 'organisation',
  name,
  description,
  aliases: aliases.map((alias) => ({ alias, language: null })),
});
const place = (name: string, description: string, ...aliases: string[]): SeedEntity => ({
  ...org(name, description, ...aliases),
  type: 'place',
});

/**
 * Organisations every foreign and business desk names weekly, and the metonyms reporters use for
 * them ("the Kremlin" is the Russian presidency). Written by hand: no maintained npm package lists
 * them with their aliases. The newsroom grows the rest.
 */
export const COMMON_ORGANISATIONS: readonly SeedEntity[] = [
  org('United Nations', 'Intergovernmental organisation', 'UN', 'U.N.', 'ООН', 'الأمم المتحدة'),
  org(
    'United Nations Security Council',
    'Organ of the United Nations',
    'UN Security Council',
    'UNSC',
    'Security Council',
  ),
  org(
    'United Nations General Assembly',
    'Organ of the United Nations',
    'UN General Assembly',
    'General Assembly',
  ),
  org('UNICEF', 'United Nations Children’s Fund', 'United Nations Children’s Fund'),
  org(
    'UNHCR',
    'United Nations refugee agency',
    'UN refugee agency',
    'United Nations High Commissioner for Refugees',
  ),
  org('World Health Organization', 'United Nations health agency', 'WHO', 'World Health Organisation', 'ВОЗ'),
  org('International Monetary Fund', 'International financial institution', 'IMF', 'МВФ'),
  org('World Bank', 'International financial institution', 'World Bank Group'),
  org('World Trade Organization', 'Intergovernmental trade organisation', 'WTO', 'World Trade Organisation'),
  org('International Atomic Energy Agency', 'United Nations nuclear watchdog', 'IAEA', 'МАГАТЭ'),
  org(
    'NATO',
    'North Atlantic Treaty Organization',
    'North Atlantic Treaty Organization',
    'North Atlantic Alliance',
    'НАТО',
  ),
  org('European Union', 'Political and economic union', 'EU', 'E.U.', 'Евросоюз'),
  org('European Commission', 'Executive of the European Union', 'Brussels executive'),
  org('European Parliament', 'Legislature of the European Union'),
  org('European Central Bank', 'Central bank of the euro area', 'ECB'),
  org('Council of Europe', 'Human rights organisation'),
  org(
    'OSCE',
    'Organization for Security and Co-operation in Europe',
    'Organization for Security and Co-operation in Europe',
  ),
  org('African Union', 'Continental union of African states', 'AU'),
  org('ASEAN', 'Association of Southeast Asian Nations', 'Association of Southeast Asian Nations'),
  org(
    'OPEC',
    'Organization of the Petroleum Exporting Countries',
    'Organization of the Petroleum Exporting Countries',
    'OPEC+',
  ),
  org('Arab League', 'League of Arab States', 'League of Arab States'),
  org('G7', 'Group of Seven', 'Group of Seven'),
  org('G20', 'Group of Twenty', 'Group of Twenty'),
  org('International Criminal Court', 'Court in The Hague', 'ICC'),
  org('International Court of Justice', 'United Nations court in The Hague', 'ICJ'),
  org('International Committee of the Red Cross', 'Humanitarian organisation', 'ICRC', 'Red Cross'),
  org(
    'Red Crescent',
    'Humanitarian organisation (the Red Cross movement in Muslim countries)',
    'Red Crescent Society',
  ),
  org('Amnesty International', 'Human rights organisation', 'Amnesty'),
  org('Human Rights Watch', 'Human rights organisation', 'HRW'),
  org('Médecins Sans Frontières', 'Medical humanitarian organisation', 'MSF', 'Doctors Without Borders'),
  org('Interpol', 'International police organisation', 'International Criminal Police Organization'),
  org('FIFA', 'World football federation'),
  org('UEFA', 'European football federation'),
  org('International Olympic Committee', 'Olympic movement', 'IOC'),
  org('Russian presidency', 'Office of the President of Russia', 'Kremlin', 'the Kremlin', 'Кремль'),
  org('State Duma', 'Lower house of the Russian parliament', 'Duma', 'Госдума'),
  org('White House', 'Office of the President of the United States'),
  org('Pentagon', 'United States Department of Defense', 'US Department of Defense', 'Department of Defense'),
  org('Federal Reserve', 'Central bank of the United States', 'Fed', 'US Federal Reserve'),
  org('Bank of England', 'Central bank of the United Kingdom'),
  org('Taliban', 'Islamist movement governing Afghanistan'),
  org('Hamas', 'Palestinian Islamist movement'),
  org('Hezbollah', 'Lebanese Shia movement', 'Hizbollah'),
  org('Islamic Revolutionary Guard Corps', 'Branch of Iran’s armed forces', 'IRGC', 'Revolutionary Guards'),
];

/** Regions every desk names that are not countries. */
export const REGIONS: readonly SeedEntity[] = [
  place('Europe', 'Continent'),
  place('Africa', 'Continent'),
  place('Asia', 'Continent'),
  place('North America', 'Continent'),
  place('South America', 'Continent', 'Latin America'),
  place('Middle East', 'Region', 'Near East'),
  place('Gaza Strip', 'Palestinian territory', 'Gaza'),
  place('West Bank', 'Palestinian territory'),
  place('Crimea', 'Peninsula on the Black Sea'),
  place('Donbas', 'Region of eastern Ukraine', 'Donbass'),
];

/** The whole starter gazetteer, in the order the seed writes it. */
export function starterGazetteer(opts: { organisations?: boolean } = {}): SeedEntity[] {
  return [...countryEntries(), ...REGIONS, ...(opts.organisations === false ? [] : COMMON_ORGANISATIONS)];
}

/** Nationalities in English ("Iraqi", "Polish"): capitalised, never a name on their own. */
export function demonyms(): string[] {
  const out = new Set<string>();
  for (const c of countries) {
    const eng = c.demonyms?.eng;
    if (eng) for (const d of [eng.f, eng.m]) if (d) out.add(d);
  }
  return [...out];
}
