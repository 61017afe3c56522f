import type { DemoAuthor } from './types.js';

/** Demo bylines. Every person here is fictional. */
export const demoAuthors: DemoAuthor[] = [
  {
    slug: 'anna-kovalenko',
    name: 'Anna Kovalenko',
    bio: 'Anna Kovalenko covers politics in Russia and the former Soviet states. She has reported from Moscow, Tbilisi and Almaty for more than a decade.',
  },
  {
    slug: 'daniel-reyes',
    name: 'Daniel Reyes',
    bio: 'Daniel Reyes is the economy editor. Before joining the newsroom he spent eight years covering bond and currency markets.',
  },
  {
    slug: 'mira-lindqvist',
    name: 'Mira Lindqvist',
    bio: 'Mira Lindqvist is the Europe correspondent, based in Brussels. She writes about the European Union, migration and energy policy.',
  },
  {
    slug: 'tomas-hrabal',
    name: 'Tomáš Hrabal',
    bio: 'Tomáš Hrabal writes about football and the business of sport. He has covered four World Cups.',
  },
  {
    slug: 'priya-natarajan',
    name: 'Priya Natarajan',
    bio: 'Priya Natarajan reports on Asia-Pacific affairs and on science and technology from Singapore.',
  },
  {
    slug: 'samuel-okafor',
    name: 'Samuel Okafor',
    bio: 'Samuel Okafor leads the investigations desk. His work on procurement fraud won a national press award.',
  },
  {
    slug: 'leah-brennan',
    name: 'Leah Brennan',
    bio: 'Leah Brennan is a video producer and culture writer. She makes the explainers on our Video channel.',
  },
];
