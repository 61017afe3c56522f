import type { DemoSection } from './types.js';

/** The demo newsroom's section tree: 3 levels deep under News. */
export const demoSections: DemoSection[] = [
  {
    slug: 'news',
    name: 'News',
    description: 'Reporting from our newsroom and correspondents.',
    children: [
      {
        slug: 'politics',
        name: 'Politics',
        description: 'Governments, parliaments, parties and the people who vote for them.',
        children: [
          { slug: 'russia', name: 'Russia', description: 'Politics and society in Russia.' },
          { slug: 'elections', name: 'Elections', description: 'Campaigns, polls and results.' },
        ],
      },
      {
        slug: 'world',
        name: 'World',
        description: 'International news.',
        children: [
          { slug: 'europe', name: 'Europe', description: 'News from across Europe.' },
          { slug: 'asia-pacific', name: 'Asia-Pacific', description: 'News from Asia and the Pacific.' },
          { slug: 'americas', name: 'Americas', description: 'News from North and South America.' },
        ],
      },
      {
        slug: 'investigations',
        name: 'Investigations',
        description: 'Long-form investigative reporting.',
      },
    ],
  },
  {
    slug: 'economy',
    name: 'Economy',
    description: 'Business, markets, jobs and money.',
    children: [
      { slug: 'markets', name: 'Markets', description: 'Stocks, bonds, currencies and commodities.' },
      { slug: 'energy', name: 'Energy', description: 'Oil, gas, power and the energy transition.' },
    ],
  },
  { slug: 'technology', name: 'Technology', description: 'Science, technology and the internet.' },
  { slug: 'culture', name: 'Culture', description: 'Arts, books, film, music and ideas.' },
  {
    slug: 'sports',
    name: 'Sports',
    description: 'Results, analysis and stories from the world of sport.',
    children: [{ slug: 'football', name: 'Football', description: 'Leagues, cups and transfers.' }],
  },
  { slug: 'video', name: 'Video', description: 'Reports and explainers from our video desk.' },
  { slug: 'opinion', name: 'Opinion', description: 'Columns and analysis.' },
];
