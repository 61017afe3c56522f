import type { DemoArticle } from './types.js';

/**
 * Demo stories for the News sections. Every person, party, company and organisation named
 * in these stories is fictional; places and institutions appear only in general terms.
 */
export const newsArticles: DemoArticle[] = [
  // ---------------------------------------------------------------------------
  // news/politics
  // ---------------------------------------------------------------------------
  {
    slug: 'lawmakers-approve-broadcasting-levy-after-night-session',
    headline: 'Lawmakers approve new public broadcasting levy after all-night session',
    dek: 'The measure replaces the licence fee with a charge collected through electricity bills. Opposition deputies say it weakens the broadcasters’ independence.',
    section: 'news/politics',
    authors: ['mira-lindqvist'],
    tags: ['Parliament', 'Media freedom', 'Budget'],
    dateline: 'Prague',
    hoursAgo: 3,
    updatedAfterHours: 2,
    lead: {
      image: 'tv-camera',
      caption:
        'Public radio and television will be funded through a charge added to household electricity bills.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a television studio camera on a tripod in front of a dark set',
    },
    body: [
      'The lower house of parliament approved a new levy to fund public radio and television in the early hours, ending a debate that ran for more than fourteen hours. The bill passed by 104 votes to 71. Several opposition deputies left the chamber before the final vote, saying the governing coalition had pushed the measure through without proper scrutiny.',
      'Under the law, households will no longer pay a separate licence fee. Instead, a monthly charge will be added to electricity bills and passed on to the broadcasters by a new collection office. Supporters say the change will end years of arguments over fee evasion and give public media a predictable income that rises with inflation.',
      {
        quote:
          'This is the most stable funding model we have ever had. Nobody will be able to starve public media by freezing a fee for a decade.',
        cite: 'Veronika Kubíčková, chair of the parliamentary media committee',
      },
      'Critics argue that tying the levy to energy bills makes it easier for a future government to change the amount by decree. An amendment that would have required a two-thirds majority for any change to the charge was rejected late in the evening. Media unions said they would ask the Senate to restore it.',
      { h: 'What changes for households' },
      {
        list: [
          'The monthly charge is set at 150 koruna per household, slightly below the current fee.',
          'Pensioners living alone and households receiving housing benefit are exempt.',
          'Businesses pay according to their number of employees rather than their number of receivers.',
          'The first collections through electricity bills are due in the second half of next year.',
        ],
      },
      'The bill now goes to the Senate, which can return it with amendments. Deputies would then need an absolute majority to override any changes. Ondřej Hromádka, an opposition senator who sits on the upper chamber’s media committee, said he expected senators to take the full thirty days they are allowed to consider the proposal.',
      'The Association of Independent Journalists, a press group, said in a statement that the new model was “an improvement in cash terms and a step backwards in principle”. It urged lawmakers to create an independent body that would review the level of the charge every five years, so that funding decisions were kept at arm’s length from the government of the day.',
    ],
  },
  {
    slug: 'cross-party-group-proposes-voting-at-16-in-local-polls',
    headline: 'Cross-party group proposes lowering voting age to 16 for local elections',
    dek: 'A bill backed by deputies from four parties would let about 220,000 teenagers vote in municipal polls. Its sponsors hope it can pass before the next local elections.',
    section: 'news/politics',
    authors: ['mira-lindqvist', 'leah-brennan'],
    tags: ['Elections', 'Parliament', 'Local government'],
    dateline: 'Lisbon',
    hoursAgo: 30,
    lead: {
      image: 'ballot-box',
      caption: 'The proposal would apply only to elections for municipal councils and parish assemblies.',
      credit: 'Photo: Jana Veselá / Masthead',
      alt: 'Illustration of a transparent ballot box with folded papers inside',
    },
    body: [
      'A group of deputies from four parties presented a bill in parliament that would lower the voting age in municipal elections from 18 to 16, reviving a debate that has resurfaced several times over the past decade without ever reaching a vote. The proposal would apply only to local councils and parish assemblies, not to national or European elections.',
      'The sponsors estimate that about 220,000 teenagers would gain the right to vote. They point to school councils and youth assemblies, which they say have shown that young people are willing to take part in local decisions about transport, sports facilities and public spaces when they are given a real say in the outcome.',
      {
        quote:
          'Sixteen-year-olds already work, pay taxes and take the bus to school every morning. They know what their town council does better than many adults.',
        cite: 'Inês Valadares Pinto, a deputy and one of the bill’s authors',
      },
      'Opponents in the chamber say the change deserves a wider constitutional debate. A legal adviser to parliament’s constitutional affairs committee said in a written opinion that the voting age for local elections could be changed by ordinary law, but recommended a public consultation before any vote was held on the bill.',
      { h: 'A long-running debate' },
      'Several European countries already allow 16-year-olds to vote in some or all elections, and supporters of the bill cite studies suggesting that people who vote in their first eligible election are more likely to keep voting. Critics reply that turnout among the youngest voters has been uneven where the age was lowered, and that civic education in schools should come first.',
      'The bill is expected to be debated in committee in the coming weeks. Its sponsors need a simple majority to pass it, and they say at least two more parliamentary groups have signalled that they could support a version with a short transition period, so that schools and electoral offices have time to prepare.',
    ],
  },
  {
    slug: 'senate-hearings-on-lobbying-register-after-leak',
    headline: 'Senate opens hearings on lobbying register after leaked meeting diaries',
    dek: 'Leaked calendars showed dozens of undeclared meetings between officials and industry representatives. Senators now want a mandatory public register.',
    section: 'news/politics',
    authors: ['samuel-okafor', 'mira-lindqvist'],
    tags: ['Parliament', 'Corruption', 'Energy'],
    dateline: 'Warsaw',
    hoursAgo: 52,
    lead: {
      image: 'parliament',
      caption:
        'The Senate committee expects to hear from officials, business groups and transparency campaigners.',
      credit: 'Photo: Jana Veselá / Masthead',
      filePhoto: true,
      alt: 'Illustration of a parliament chamber with curved rows of seats',
    },
    body: [
      'A Senate committee opened hearings on a mandatory lobbying register, weeks after leaked calendars showed that officials at two ministries had held dozens of meetings with industry representatives that did not appear in any public record. The committee chair said the hearings would run for at least a month and would include testimony from officials, business groups and transparency campaigners.',
      'The leaked documents, first published by a regional news website, covered meetings over an eighteen-month period. Most involved companies in the construction and energy sectors. There is no suggestion that any of the meetings broke the law, since the current rules only require registration of professional lobbyists and do not cover company employees who meet officials directly.',
      {
        quote:
          'The problem is not that people talk to their government. The problem is that citizens cannot see who is in the room.',
        cite: 'Łukasz Zarembski, chair of the Senate legislative committee',
      },
      'Under the draft under discussion, every contact between a senior official and an outside interest group would have to be logged within seven days and published online. Officials who failed to register meetings could face disciplinary proceedings. Business associations told the committee they supported transparency in principle but warned that the proposed rules were too broad to work in practice.',
      {
        list: [
          'A public online register of meetings between outside interest groups and officials at deputy-minister level and above.',
          'Publication of the date, participants and subject of each meeting within seven days.',
          'An annual report by the register’s supervisor to both chambers of parliament.',
          'Fines for organisations that repeatedly fail to declare meetings.',
        ],
      },
      'Transparency groups said the register would only work if it were backed by an independent supervisor with the power to investigate complaints. Zofia Kędziora, director of the Open Decisions Foundation, a nonprofit group that tracks public contracts, told senators that similar registers in other countries had lost credibility when entries were vague or filed months late.',
      'The committee is expected to publish its recommendations before the summer recess. Any bill would then need to pass both chambers of parliament, and the government has not yet said whether it will back the proposal or present a version of its own. The committee’s draft and the hearing schedule are available on [the Senate website](https://example.org/senate/lobbying-register).',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/politics/russia
  // ---------------------------------------------------------------------------
  {
    slug: 'kaluga-assembly-rejects-regional-budget-over-road-cuts',
    headline: 'Kaluga regional assembly rejects budget over cuts to road repairs',
    dek: 'Deputies sent the draft back to the regional government after it proposed halving spending on rural roads. A revised version is due within two weeks.',
    section: 'news/politics/russia',
    authors: ['anna-kovalenko'],
    tags: ['Budget', 'Local government', 'Infrastructure'],
    dateline: 'Kaluga',
    hoursAgo: 8,
    lead: {
      image: 'government-building',
      caption: 'The regional government has two weeks to present a revised draft budget to the assembly.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a columned government building with a flag on the roof',
    },
    body: [
      'Deputies in the Kaluga regional legislative assembly voted to reject the draft budget for next year at a session that ran late into the evening, in a rare setback for the regional government. The draft received 17 votes in favour, short of the 21 needed, after several deputies from the ruling party abstained over planned cuts to the maintenance of rural roads.',
      'The draft would have reduced spending on regional and village roads by almost half, to about 2.1 billion roubles, while increasing funding for healthcare and for a new industrial park on the outskirts of the city. Regional finance officials said the cuts were needed to keep the deficit within the limits agreed with the federal finance ministry.',
      {
        quote:
          'Every spring we drive through the same potholes to reach the same villages. We cannot vote for a budget that tells those people to wait another year.',
        cite: 'Viktor Ovsyannikov, a deputy representing the Kozelsk district',
      },
      'Officials in the regional government said they would prepare a revised draft within two weeks. Yelena Drozdova, a spokeswoman for the regional finance department, said savings could be found elsewhere, including by postponing the purchase of new administrative vehicles, but warned that any additional road spending would have to be matched by cuts in other areas.',
      { h: 'Pressure from the districts' },
      'The vote reflects growing frustration in rural districts, where local councils depend on regional transfers to maintain roads, schools and water supplies. Several district heads had written to the assembly ahead of the session, asking deputies not to approve the budget without a guaranteed minimum for road repairs in each district.',
      'Regional budgets across Russia are under strain as federal transfers are increasingly tied to national programmes. Analysts say regional assemblies rarely reject a budget outright, and that the vote is more likely to lead to a compromise than to a prolonged standoff. The assembly is due to consider the revised draft at an extraordinary session.',
    ],
  },
  {
    slug: 'tver-court-fines-weekly-newspaper-over-landfill-reports',
    headline: 'Court fines Tver weekly newspaper over reports on landfill expansion',
    dek: 'A district court ordered Tverskaya Nedelya to pay damages to a waste-management company and print a correction. The editor says the paper will appeal.',
    section: 'news/politics/russia',
    authors: ['anna-kovalenko'],
    tags: ['Courts', 'Media freedom'],
    dateline: 'Tver',
    hoursAgo: 75,
    updatedAfterHours: 20,
    lead: {
      image: 'newsroom-studio',
      caption: 'Tverskaya Nedelya has a print run of about 9,000 copies and a small online edition.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a small newsroom with desks, screens and desk lamps',
    },
    body: [
      'A district court in Tver ordered a weekly newspaper to pay 600,000 roubles in damages to a waste-management company over a series of articles about the planned expansion of a landfill on the edge of the city. The court also ordered Tverskaya Nedelya, which has a print run of about 9,000 copies, to publish a correction on its front page.',
      'The company, Verkhnevolzhskaya Ekologiya, had argued that the articles damaged its business reputation by suggesting that it had begun preparatory works before receiving environmental approval. The newspaper said its reporting was based on satellite images, interviews with residents and documents from the regional environmental inspectorate.',
      {
        quote:
          'We checked every fact we printed, and we offered the company a chance to respond to each article. We will appeal, and if necessary we will go further.',
        cite: 'Galina Sorokina, editor-in-chief of Tverskaya Nedelya',
      },
      'In its ruling, the court found that two of the five disputed statements could not be verified and that one headline presented an assumption as fact. It dismissed the company’s claims regarding the other three statements. Lawyers for the newspaper said the ruling accepted most of their arguments but still imposed a fine large enough to threaten the paper’s survival.',
      'Representatives of Verkhnevolzhskaya Ekologiya did not respond to a request for comment. In court, the company’s lawyer said it supported public debate about waste management in the region but could not accept what he described as unfounded accusations of illegal activity.',
      { h: 'Small papers under pressure' },
      'Regional newspapers in Russia have faced shrinking advertising revenue and rising printing costs in recent years, and many have cut staff or moved entirely online. Media lawyers say that even modest damages awards can force small outlets to close. Tverskaya Nedelya launched an online fundraising appeal after the ruling and said it had received several hundred donations within hours.',
    ],
  },
  {
    slug: 'grain-exporters-brace-for-new-export-quota',
    headline: 'Grain exporters brace for new quota as harvest forecasts rise',
    dek: 'Traders in southern Russia expect a tighter export quota for the first months of next year, even as analysts raise their estimates for the wheat harvest.',
    section: 'news/politics/russia',
    authors: ['anna-kovalenko', 'daniel-reyes'],
    tags: ['Trade', 'Agriculture', 'Kremlin'],
    dateline: 'Rostov-on-Don',
    hoursAgo: 140,
    lead: {
      image: 'wheat-field',
      caption: 'Favourable weather has lifted forecasts for the wheat harvest in the main growing regions.',
      credit: 'Photo: Dmitri Orlov / Masthead',
      filePhoto: true,
      alt: 'Illustration of a wheat field with ripe ears under a wide pale sky',
    },
    body: [
      'Grain traders in southern Russia are preparing for a tighter export quota early next year, according to industry participants, even as analysts raise their forecasts for this season’s wheat harvest after favourable weather in the main growing regions along the Don and the Volga.',
      'The quota, which limits grain exports during the second half of the season, is set each year by the government to keep domestic prices stable. Traders said they expected the limit for wheat to be lower than last year’s, although no official figure has been published. Port terminals in the south have been working at close to full capacity since the start of the harvest.',
      {
        list: [
          'Harvest estimates for wheat have been raised by about 3 million tonnes since early summer.',
          'Export prices for wheat loaded at southern ports have eased for four consecutive weeks.',
          'Domestic flour mills report comfortable stocks ahead of the winter months.',
          'Rail freight rates for grain are due to rise from the start of next year.',
        ],
      },
      {
        quote:
          'The harvest is good, but the market is nervous. Everyone is trying to ship as much as possible before the quota takes effect.',
        cite: 'Arkady Nefyodov, commercial director of the trading house Yuzhny Kolos',
      },
      'Farmers’ groups have long argued that export restrictions depress the prices they receive and discourage investment in storage and equipment. A representative of a regional farmers’ union said that many producers were holding back grain in the hope that prices would rise later in the season, putting pressure on already limited storage capacity.',
      'Analysts at the agricultural research firm Polye Analytics said the combination of a larger harvest and a smaller quota could leave the country with high carry-over stocks at the end of the season. That, they said, would be likely to weigh on domestic prices and on farmers’ planting decisions for next year’s winter wheat.',
      'The agriculture ministry is expected to present its proposal for the quota in the coming weeks. Traders said that, whatever the final figure, they hoped it would be announced early enough to plan shipments and avoid the congestion at ports and on the railways that was seen in previous seasons.',
    ],
  },
  {
    slug: 'spring-flood-forces-evacuations-in-zarechny-district',
    headline: 'Spring flood forces evacuations in Zarechny district as river rises',
    dek: 'Around 1,200 residents of low-lying villages have been moved to temporary shelters. Officials expect the water level to peak within the next two days.',
    section: 'news/politics/russia',
    authors: ['anna-kovalenko'],
    tags: ['Floods', 'Climate', 'Local government'],
    dateline: 'Kostroma',
    hoursAgo: 5,
    updatedAfterHours: 3,
    lead: {
      image: 'storm',
      caption: 'Heavy rain and a rapid thaw pushed the Lesnaya river over its banks in seven villages.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of dark storm clouds and driving rain over flat land',
    },
    body: [
      'Emergency services have evacuated about 1,200 people from low-lying villages in the Zarechny district of the Kostroma region after the Lesnaya river burst its banks following a rapid thaw and several days of heavy rain. Regional officials said the water level was still rising and was expected to peak within the next two days.',
      'Some 340 houses have been flooded in seven villages, and two bridges on local roads have been closed. Residents were taken to temporary shelters set up in schools and a sports hall in the district centre, while others moved in with relatives. No injuries have been reported, according to the regional emergency department.',
      {
        quote:
          'The water came up faster than any of us remember. By the morning it was at the doorstep, and by lunchtime it was inside.',
        cite: 'Nadezhda Kolosova, a resident of the village of Krasny Bor',
      },
      'The district administration has declared a local state of emergency, which allows it to draw on reserve funds for temporary housing and to request help from the regional authorities. Boats and all-terrain vehicles have been used to deliver drinking water and food to villages that can no longer be reached by road.',
      { h: 'Questions about flood defences' },
      'Some residents have asked why an earthen embankment along the river, built in the 1980s, had not been repaired. A reconstruction project was included in the regional programme five years ago but was postponed twice because of funding shortfalls. The district head, Gennady Toropov, said the project would be reviewed once the water had receded.',
      'Hydrologists say spring floods in the region have become less predictable as winters grow warmer, with sudden thaws following periods of heavy snowfall. The regional government said it would compile an estimate of the damage by the end of the month and apply for federal compensation for affected households.',
    ],
  },
  {
    slug: 'plan-to-merge-small-municipalities-meets-resistance',
    headline: 'Plan to merge small municipalities meets resistance in the regions',
    dek: 'A federal bill would abolish thousands of rural councils and fold them into larger districts. Local officials warn that villages will lose their voice.',
    section: 'news/politics/russia',
    authors: ['anna-kovalenko'],
    tags: ['Kremlin', 'Parliament', 'Local government'],
    dateline: 'Moscow',
    hoursAgo: 210,
    lead: {
      image: 'snow-street',
      caption:
        'Many villages elect their own councils, which look after local roads, lighting and public spaces.',
      credit: 'Photo: Dmitri Orlov / Masthead',
      alt: 'Illustration of a quiet snow-covered street lined with low wooden houses',
    },
    body: [
      'A bill that would reorganise local government across Russia by merging thousands of small rural municipalities into larger districts has drawn criticism from local officials and some regional lawmakers, as the State Duma prepares for a second reading. Supporters, including officials who see the reform as part of a wider federal drive to streamline administration, say it will cut costs and make services more efficient.',
      'Under the current two-tier system, many villages elect their own councils and heads, who manage local roads, street lighting and public spaces with very small budgets. The bill would replace most of these with a single tier of municipal districts, while allowing regions to keep some existing structures during a transition period.',
      {
        quote:
          'A village council with a budget smaller than a city apartment cannot repair anything. Bringing these powers together is simply common sense.',
        cite: 'Igor Stepchenko, a member of the Duma committee on regional policy',
      },
      'Opponents argue that abolishing village councils will leave rural residents without an elected representative close to home. In a letter to the Duma, a group of more than 200 local council members from several regions asked lawmakers to let residents decide on mergers through local referendums rather than by decision of the regional authorities.',
      { h: 'Regions divided' },
      'The reaction in the regions has been mixed. Some regional governments have already merged municipalities under existing law and say the experience has been positive. Others have asked for more time. In the Vologda region, members of the regional assembly adopted a resolution urging the Duma to keep the right of villages to elect their own heads.',
      {
        list: [
          'Replacing the two tiers of settlements and districts with a single tier of municipal and urban districts.',
          'A transition period of up to five years for regions to reorganise.',
          'A greater role for regional governors in the selection of municipal heads.',
          'Appointed “territorial representatives” to act as a link between districts and villages.',
        ],
      },
      'The Duma is expected to hold the second reading before the end of the session. The bill’s authors have said they are open to amendments, including a longer transition period and guarantees that rural residents will continue to have access to local services such as registry offices and post offices.',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/politics/elections
  // ---------------------------------------------------------------------------
  {
    slug: 'early-results-point-to-hung-council-in-aarhus',
    headline: 'Early results point to a hung council in Aarhus municipal vote',
    dek: 'With most ballots counted, no bloc has a majority on the 31-seat council. A new local list focused on housing costs is set to become the third-largest group.',
    section: 'news/politics/elections',
    authors: ['mira-lindqvist'],
    tags: ['Elections', 'Local government'],
    dateline: 'Aarhus',
    hoursAgo: 11,
    lead: {
      image: 'city-skyline',
      caption: 'Housing costs dominated the campaign for the 31 seats on the city council.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a city skyline with apartment blocks and cranes at dusk',
    },
    body: [
      'Early results from the municipal election in Aarhus point to a hung city council, with neither the centre-left nor the centre-right bloc on course for a majority of the 31 seats. With about 85 percent of ballots counted, the largest party was projected to win nine seats, two fewer than at the last election.',
      'The biggest gain went to *Fælles By*, a local list founded two years ago by tenants’ associations and campaigners against rising rents. It was on course to win five seats in its first election, making it the third-largest group and a likely partner in any coalition talks.',
      {
        quote:
          'People told us on every doorstep that they could no longer afford to live in the city where they grew up. Tonight they sent that message to the council.',
        cite: 'Søren Holm Madsen, lead candidate of Fælles By',
      },
      'Turnout was estimated at 68 percent, roughly in line with the previous local election. Election officials said counting had been slowed in two districts by a high number of postal votes, and that final results were expected by the middle of the next day.',
      { h: 'Coalition arithmetic' },
      'Under the city’s rules, the new council will elect a mayor at its first meeting, and parties typically agree on the distribution of committee chairs in a single late-night deal. Several party leaders said they would not begin formal talks until the final count was known, but informal contacts were already under way at city hall.',
      'Housing dominated the campaign, with parties offering competing plans to build more affordable flats on former industrial land near the harbour. Public transport and the cost of school renovations were also prominent issues, according to local polling carried out in the final weeks before the vote.',
    ],
  },
  {
    slug: 'electoral-commission-tests-new-vote-counting-system',
    headline: 'Electoral commission tests new vote-counting system before regional polls',
    dek: 'Officials ran a full mock election with 40,000 test ballots to check scanners and software. Observers want the source code opened to independent review.',
    section: 'news/politics/elections',
    authors: ['mira-lindqvist', 'priya-natarajan'],
    tags: ['Elections', 'Cybersecurity'],
    dateline: 'Bratislava',
    hoursAgo: 96,
    lead: {
      image: 'server-room',
      caption:
        'Preliminary results will be sent to the commission’s data centre over an encrypted connection.',
      credit: 'Illustration: Masthead demo',
      filePhoto: true,
      alt: 'Illustration of rows of server racks with small status lights in a dim room',
    },
    body: [
      'The electoral commission has completed a full-scale test of a new system for counting ballots in regional elections, running a mock vote with about 40,000 test ballots at polling stations in three districts. Officials said the scanners and counting software had produced results that matched a manual count at every polling station.',
      'The system uses optical scanners to read paper ballots and transmit preliminary results to the commission’s data centre over an encrypted connection. The paper ballots remain the legal record of the vote and will be kept for any recount. The commission says the change should allow preliminary results to be published about three hours earlier than under the current manual process.',
      { h: 'How the new count works', level: 3 },
      {
        ordered: true,
        list: [
          'Voters mark paper ballots as before and place them in a sealed box.',
          'After polls close, the local commission feeds the ballots through a scanner in front of observers.',
          'Totals are printed, signed by commission members and posted at the polling station.',
          'The same totals are sent electronically to the central data centre and published online.',
          'A random sample of polling stations is recounted by hand to check the machines.',
        ],
      },
      {
        quote:
          'Paper stays at the heart of the process. The scanner is a faster pencil, not a replacement for the people in the room.',
        cite: 'Zuzana Horváthová, deputy chair of the electoral commission',
      },
      'Election observers welcomed the hand-count checks but said the commission should publish the source code of the counting software and allow independent security researchers to examine it. A coalition of civic groups called **Clean Count** said that public trust depended on transparency rather than on assurances from officials or suppliers.',
      'The commission said it would allow accredited experts to inspect the software under a confidentiality agreement before the vote, but that full publication could expose the system to attack. It plans one more test in the weeks before the elections, this time with volunteers acting as voters at 20 polling stations across the country.',
    ],
  },
  {
    slug: 'independents-win-seats-in-novosibirsk-district-vote',
    headline: 'Independent candidates win seats in Novosibirsk district council vote',
    dek: 'Nine independents took seats on a 25-member council after a campaign dominated by bus routes and a disputed building project. Turnout was 31 percent.',
    section: 'news/politics/elections',
    authors: ['anna-kovalenko'],
    tags: ['Elections', 'Kremlin', 'Local government'],
    dateline: 'Novosibirsk',
    hoursAgo: 330,
    lead: {
      image: 'night-city',
      caption:
        'Residents’ activists campaigned for two years against a residential development on the riverbank.',
      credit: 'Photo: Dmitri Orlov / Masthead',
      alt: 'Illustration of a city at night with lit apartment windows and streetlights',
    },
    body: [
      'Independent candidates won nine of the 25 seats on a district council in Novosibirsk, according to final results published by the local electoral commission, in a vote dominated by disputes over bus routes and a planned residential development on the banks of the Ob. The ruling party kept its majority with 14 seats, down from 20.',
      'Turnout was 31 percent, slightly higher than at the previous election. Most of the independents ran as a loose group of residents’ activists who had campaigned for two years against the development, which would replace a small park and a row of garages with three apartment towers.',
      {
        quote:
          'We did not run against anyone. We ran for a park, a bus stop and a council that answers its letters.',
        cite: 'Alina Gorshkova, a newly elected independent councillor',
      },
      'Candidates from the ruling party, which is closely aligned with the Kremlin, said the result showed that the council would continue to be run by experienced members. The outgoing council chairman, Pavel Shestakov, said he was ready to work with the new councillors on public transport, which he described as an issue that united all sides.',
      'Local elections in large Russian cities have at times produced surprising results when turnout is low and residents mobilise around a single local issue. Analysts say such outcomes rarely change the balance of power at the city or regional level, but can give activists a platform to press for changes to specific projects.',
      'The new council is due to hold its first session within a month. The independents said their first request would be a public hearing on the residential development, which has received preliminary approval from the city’s planning department. They also plan to ask the city transport office to restore two bus routes that were cut last year.',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/world
  // ---------------------------------------------------------------------------
  {
    slug: 'delegates-agree-draft-on-sharing-disaster-warning-data',
    headline: 'Delegates agree draft text on sharing data for disaster early warnings',
    dek: 'Negotiators from more than 60 countries backed a draft that would speed up the exchange of weather and river data. It still needs approval from governments.',
    section: 'news/world',
    authors: ['priya-natarajan'],
    tags: ['Diplomacy', 'Climate', 'Floods'],
    dateline: 'Geneva',
    hoursAgo: 46,
    updatedAfterHours: 10,
    lead: {
      image: 'satellite',
      caption: 'The draft would set a shared technical standard for weather, river and seismic data.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a satellite with solar panels orbiting above cloud-covered Earth',
    },
    body: [
      'Negotiators from more than 60 countries have agreed on a draft text that would commit governments to share weather, river and seismic data more quickly when a disaster threatens a neighbouring country, ending two weeks of talks in Geneva. The draft must now be approved by governments before it can be opened for signature.',
      'Under the text, countries would pass on real-time data from river gauges and weather stations near their borders, and issue alerts to downstream states within a fixed time after detecting a flood risk. The agreement would also set up a small secretariat to maintain a shared technical standard for the data, so that different national systems can read each other’s measurements.',
      {
        quote:
          'When a river floods, the water does not wait at the border for paperwork. This draft accepts that simple fact.',
        cite: 'Amara Diallo-Berg, who chaired the working group',
      },
      { h: 'Sticking points' },
      'The talks nearly stalled over the question of who would pay for monitoring equipment in poorer countries. The final text creates a voluntary fund and asks richer states to contribute, but does not set targets. Several delegations also insisted on language making clear that data shared under the agreement could not be used for any purpose other than disaster warnings.',
      {
        list: [
          'Real-time sharing of data from river gauges and weather stations near borders.',
          'Alerts to neighbouring states within three hours of detecting a serious flood risk.',
          'A voluntary fund for monitoring equipment in lower-income countries.',
          'A review conference five years after the agreement enters into force.',
        ],
      },
      'Disaster-risk researchers said the agreement could make a real difference if governments followed through. Keiko Almeida, a hydrologist at a research institute in Lisbon, said many early-warning systems already worked well within countries but failed at borders, where data was often delayed by procedures designed for a slower era.',
      'Delegates said they expected the text to be formally adopted at a ministerial meeting later in the year. The agreement would enter into force once 30 countries had ratified it. A summary of the draft has been published by [the conference secretariat](https://example.org/early-warning/draft-text).',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/world/europe
  // ---------------------------------------------------------------------------
  {
    slug: 'eu-ministers-split-on-migrant-reception-fund',
    headline: 'EU ministers split over shared fund for migrant reception centres',
    dek: 'Interior ministers failed to agree on how to finance new reception centres at the bloc’s external borders. Talks are due to resume next month.',
    section: 'news/world/europe',
    authors: ['mira-lindqvist'],
    tags: ['European Union', 'Migration', 'Budget'],
    dateline: 'Brussels',
    hoursAgo: 22,
    updatedAfterHours: 4,
    lead: {
      image: 'flags',
      caption: 'A compromise text proposed a fund of 2.4 billion euros over four years.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a row of national flags on tall poles in front of a glass building',
    },
    body: [
      'European Union interior ministers ended a meeting in Brussels without agreeing on how to finance new reception centres for asylum seekers at the bloc’s external borders, leaving one of the most contentious parts of a wider migration package unresolved. Diplomats said talks would resume at the next scheduled meeting in a month.',
      'The disagreement centres on a proposed common fund that would cover part of the cost of building and running the centres. Countries on the bloc’s southern and eastern borders want the fund to be financed from the EU budget and topped up by national contributions. Several northern member states say the money should come from existing programmes, without new payments.',
      {
        quote:
          'Everyone agrees that the borders are a shared responsibility. The moment we start talking about who pays, that agreement becomes very thin.',
        cite: 'A senior EU diplomat involved in the talks',
      },
      'A compromise text prepared by the rotating presidency proposed a fund of 2.4 billion euros over four years, with contributions calculated according to each country’s population and economic output. Diplomats said about a dozen countries could accept the proposal, but that a group of others objected to the formula and to the lack of a cap on future contributions.',
      { h: 'Pressure from the border states' },
      'Officials from border states argue that without dedicated funding, new rules on screening and registration will be impossible to apply. Humanitarian organisations have also raised concerns about conditions in existing centres. Marta Quintero, who coordinates legal aid for asylum seekers at the nonprofit Safe Harbour Network, said overcrowding had become routine at several sites.',
      'Officials at the European Commission say they hope the package can be finalised before the end of the year. Without an agreement among member states, negotiations with the European Parliament on the final text cannot begin, and diplomats warned that the timetable was becoming tight.',
    ],
  },
  {
    slug: 'antwerp-port-strike-enters-third-day',
    headline: 'Antwerp port strike enters third day as wage talks stall',
    dek: 'Dockworkers walked out over pay and shift patterns, leaving dozens of ships waiting at anchor. Freight companies warn of knock-on delays across Europe.',
    section: 'news/world/europe',
    authors: ['mira-lindqvist', 'daniel-reyes'],
    tags: ['Labour', 'Trade', 'Transport'],
    dateline: 'Antwerp',
    hoursAgo: 1,
    lead: {
      image: 'harbor',
      caption: 'Container cranes have stood idle at the main terminals since the start of the strike.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a container port with cranes and stacked containers by the water',
    },
    body: [
      'A strike by dockworkers at the port of Antwerp entered its third day with no sign of a breakthrough, after talks between unions and the employers’ association broke up without agreement late in the evening. Dozens of container ships were waiting at anchor in the Scheldt estuary and off the coast, according to port data.',
      'The unions are demanding a pay increase that keeps pace with inflation and changes to a new shift system that they say forces workers to accept assignments at short notice. The employers’ group has offered a smaller increase spread over two years and says the shift system is needed to handle larger ships that arrive at less predictable times.',
      {
        quote:
          'Nobody wants to keep the cranes still. But our members will not go back to work on a promise that the schedule will be fixed later.',
        cite: 'Koen Verhaeghe, a negotiator for the dockers’ union',
      },
      {
        image: 'highway',
        caption:
          'Lorries queue on the approach roads to the container terminals, where collections have been suspended.',
        credit: 'Illustration: Masthead demo',
      },
      'Freight forwarders said the strike was already causing delays for importers across Belgium, the Netherlands and Germany. Some shipping lines have diverted vessels to Rotterdam and Zeebrugge, but operators there warned that they had limited spare capacity and that waiting times were growing.',
      {
        list: [
          'About 40 container ships are waiting to berth, according to port tracking data.',
          'Terminals have suspended lorry collections except for medical supplies and perishable goods.',
          'The employers’ association puts the cost to port businesses at tens of millions of euros a day.',
          'A mediator appointed by the federal labour ministry is due to meet both sides again.',
        ],
      },
      'The strike is the longest at the port in more than a decade. Both sides said they remained open to talks, and the mediator has invited them to a new round of negotiations. Union leaders said they would put any new offer to a vote of their members before calling off the action.',
    ],
  },
  {
    slug: 'night-train-links-prague-and-ljubljana',
    headline: 'New night train links Prague and Ljubljana across the eastern Alps',
    dek: 'A private operator has launched a sleeper service three times a week. It hopes to win travellers who would otherwise fly, but faces high track fees.',
    section: 'news/world/europe',
    authors: ['mira-lindqvist'],
    tags: ['Transport', 'Climate', 'European Union'],
    dateline: 'Ljubljana',
    hoursAgo: 260,
    lead: {
      image: 'train-station',
      caption:
        'The service runs three times a week in each direction, with stops in Vienna, Graz and Maribor.',
      credit: 'Photo: Jana Veselá / Masthead',
      alt: 'Illustration of a train waiting at a platform under a curved station roof',
    },
    body: [
      'A new overnight train between Prague and Ljubljana made its first run this week, adding to a growing network of sleeper services in central Europe. The service, operated by the private company Alpina Nachtzug, runs three times a week in each direction and takes about twelve hours, with stops in Vienna, Graz and Maribor.',
      'The operator has refurbished a set of sleeping and couchette cars bought from a state railway that had retired them. Fares start at 49 euros for a seat and rise to about 180 euros for a private compartment with a shower. The company said more than 3,000 tickets had been sold before the first departure.',
      {
        image: 'mountains',
        caption: 'The route crosses the eastern Alps between Graz and Maribor during the night.',
        credit: 'Illustration: Masthead demo',
      },
      {
        quote:
          'Our passengers are not railway enthusiasts. They are people who want to arrive in the morning without an airport in between.',
        cite: 'Zoë Hartmann, managing director of Alpina Nachtzug',
      },
      'Night trains have returned to several European routes in recent years, helped by public support for low-carbon travel. Operators say, however, that the business remains difficult. Track access fees, which vary from country to country, can account for a large share of the cost of each journey, and suitable rolling stock is scarce and expensive to maintain.',
      'The European Union has encouraged cross-border rail links as part of its climate plans, and transport campaigners say harmonised track fees would make more routes viable. Alpina Nachtzug said it would add a daily service from next summer if demand held up, and that it was considering a second route to the Croatian coast.',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/world/asia-pacific
  // ---------------------------------------------------------------------------
  {
    slug: 'solar-export-cable-to-singapore-wins-approval',
    headline: 'Solar export project wins approval to send power to Singapore by cable',
    dek: 'A consortium plans a large solar farm with battery storage on an Indonesian island and a 70-kilometre undersea link. First power is expected within five years.',
    section: 'news/world/asia-pacific',
    authors: ['priya-natarajan'],
    tags: ['Energy', 'Climate', 'Trade', 'Diplomacy'],
    dateline: 'Singapore',
    hoursAgo: 120,
    lead: {
      image: 'power-lines',
      caption: 'The licence allows the consortium to import up to 1 gigawatt of electricity.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of high-voltage transmission towers and power lines crossing open land',
    },
    body: [
      'A consortium planning to export solar power to Singapore through an undersea cable has received a conditional licence from the city-state’s energy regulator, moving the project a step closer to construction. The group, Equator Sun Link, plans to build a solar farm with battery storage on an Indonesian island and connect it to Singapore’s grid by a 70-kilometre cable.',
      'The project is one of several competing to supply low-carbon electricity to Singapore, which has little land for solar panels and relies mostly on natural gas for power generation. The licence allows the consortium to import up to 1 gigawatt of electricity, subject to technical and financial conditions that must be met within two years.',
      {
        quote:
          'Singapore has the demand and the islands around it have the sunshine. The cable is the bridge between the two.',
        cite: 'Rachel Tan Wei Ling, chief executive of Equator Sun Link',
      },
      'Analysts said the biggest challenges were financing and the need for permits on the Indonesian side, where officials have emphasised that renewable energy projects should also supply the domestic market and support local manufacturing. The consortium said it had agreed to source part of its solar panels from factories in Indonesia.',
      { h: 'Regional grid ambitions' },
      'Governments in Southeast Asia have discussed a regional power grid for decades, and cross-border electricity trade has grown slowly through bilateral deals. Energy researchers say undersea cables are becoming cheaper, but warn that the technical risks of long submarine links, including damage from ship anchors, need to be managed carefully.',
      'Equator Sun Link said it expected to make a final investment decision within 18 months and to deliver first power within five years. The consortium includes a Singapore-based infrastructure fund, an Indonesian energy company and a European cable manufacturer, none of which disclosed the expected cost of the project.',
    ],
  },
  {
    slug: 'monsoon-rains-delay-rice-harvest-in-central-thailand',
    headline: 'Late monsoon rains delay rice harvest across Thailand’s central plains',
    dek: 'Farmers in several provinces are waiting for fields to drain before harvesting. Millers warn that losses in quality could push up prices for some grades.',
    section: 'news/world/asia-pacific',
    authors: ['priya-natarajan'],
    tags: ['Agriculture', 'Climate', 'Trade'],
    dateline: 'Ayutthaya',
    hoursAgo: 170,
    lead: {
      image: 'wheat-field',
      caption: 'Many paddy fields north of Bangkok remain waterlogged weeks after the usual harvest date.',
      credit: 'Photo: Anong Srisuk / Masthead',
      filePhoto: true,
      alt: 'Illustration of a field of ripening grain under heavy grey clouds',
    },
    body: [
      'Heavy rain late in the monsoon season has delayed the main rice harvest across Thailand’s central plains, with many fields still waterlogged weeks after they would normally have been cut. Farmers in several provinces north of Bangkok say they are waiting for the water to drain before combine harvesters can enter the fields.',
      'Provincial agriculture offices have reported that some of the crop has been damaged by standing water, although estimates of the losses vary widely. Rice that remains in wet fields for too long can sprout or discolour, reducing its value to millers and exporters.',
      {
        quote:
          'Each day we wait, the grain gets worse. If the harvesters come next week, we can save most of it. If they come in two weeks, we cannot.',
        cite: 'Somchai Rattanakorn, a farmer in Ayutthaya province',
      },
      'Millers said the delays had already caused a shortage of freshly harvested paddy for some grades of rice. Prices for fragrant rice have risen at mills in the region, while prices for lower grades have been stable. Exporters said they had enough stock to meet existing contracts but were cautious about taking new orders.',
      {
        list: [
          'Harvesting in the affected provinces is running two to four weeks behind schedule.',
          'Farmers with crop insurance must report damage to local offices within 15 days.',
          'Millers are offering lower prices for paddy with a high moisture content.',
          'Drying facilities at farmers’ cooperatives are operating around the clock.',
        ],
      },
      'Agricultural economists say such delays are becoming more frequent as rainfall patterns shift, putting pressure on farmers who have little room to adjust their planting calendars. Some cooperatives have begun investing in shared drying equipment so that members can harvest earlier and dry the grain mechanically instead of leaving it in the field.',
    ],
  },
  {
    slug: 'report-finds-pacific-newsrooms-under-financial-strain',
    headline: 'Report finds Pacific island newsrooms under growing financial strain',
    dek: 'A survey of 48 news outlets in 11 island nations found that most have cut staff in the past three years. Few receive any public or philanthropic support.',
    section: 'news/world/asia-pacific',
    authors: ['priya-natarajan', 'leah-brennan'],
    tags: ['Media freedom', 'Climate'],
    dateline: 'Suva',
    hoursAgo: 300,
    lead: {
      image: 'coastline',
      caption: 'Newspapers that serve outer islands by boat or plane have been hit hardest by rising costs.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a rocky coastline with waves breaking below low green hills',
    },
    body: [
      'News organisations across the Pacific islands are under growing financial pressure, with most of them cutting staff or reducing output over the past three years, according to a report published by the Pacific Press Observatory, a regional media monitoring group. The survey covered 48 newspapers, radio stations, television channels and news websites in 11 countries.',
      'Almost two-thirds of the outlets surveyed said advertising revenue had fallen since the last survey, as advertisers moved to social media platforms. Printing and distribution costs have risen sharply, especially for newspapers that serve outer islands by boat or plane. Several radio stations said they had reduced their broadcast hours to save on electricity.',
      { h: 'Key findings', level: 3 },
      {
        list: [
          '62 percent of outlets reduced their staff in the past three years.',
          'Only 9 of the 48 outlets have a reporter dedicated to climate and the environment.',
          'More than half said their journalists had faced online harassment in the past year.',
          'Four in ten said they could not afford legal advice before publishing sensitive stories.',
        ],
      },
      {
        quote:
          'A small newsroom can survive bad years. What it cannot survive is losing the reporters who know the islands, the languages and the people.',
        cite: 'Mere Vakaloloma, the report’s lead author',
      },
      'The report highlighted the particular difficulty of covering climate change, which affects island communities through sea-level rise, coastal erosion and more intense storms. Editors told researchers that reporting trips to remote areas were often the first expense to be cut, even though audiences consistently ranked such stories among the most important.',
      'The observatory recommended that governments in the region consider transparent public funding schemes for independent media, with safeguards against political interference, and urged development partners to support training and legal aid for journalists. It also called on technology platforms to share more advertising revenue with local publishers. The full report is available [on the observatory’s website](https://example.org/pacific-press/report).',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/world/americas
  // ---------------------------------------------------------------------------
  {
    slug: 'desert-mining-town-votes-on-water-deal',
    headline: 'Desert mining town votes on water-sharing deal with copper company',
    dek: 'Residents of Calama will decide whether to back a desalination plant and a 20-year water agreement. Opponents say the deal does too little for farmers.',
    section: 'news/world/americas',
    authors: ['daniel-reyes'],
    tags: ['Mining', 'Climate', 'Local government'],
    dateline: 'Calama',
    hoursAgo: 400,
    lead: {
      image: 'mountains',
      caption: 'Years of drought have depleted rivers and aquifers in the Atacama Desert.',
      credit: 'Photo: Lucía Ferrer / Masthead',
      filePhoto: true,
      alt: 'Illustration of bare brown mountains under a cloudless sky',
    },
    body: [
      'Residents of Calama, a copper-mining town in northern Chile’s Atacama Desert, will vote in a local consultation on whether to accept a water-sharing agreement with a mining company that operates a large open-pit mine nearby. The non-binding vote is the first of its kind in the region and is being closely watched by other mining communities.',
      'Under the proposed deal, the company, Minera Cordillera Norte, would build a desalination plant on the coast and pump water more than 150 kilometres inland for its operations. In return, it would reduce the amount of water it draws from the Loa river basin and fund repairs to the town’s ageing water network over 20 years.',
      {
        quote:
          'For the first time, the people who live next to the mine will have a say in how the water of this valley is used.',
        cite: 'Rosa Quispe Mamani, the town councillor who proposed the consultation',
      },
      'Opponents, including several farmers’ associations and community groups in the upper valley, say the agreement does not guarantee enough water for agriculture, and that the desalination plant will consume large amounts of electricity. They have asked residents to vote against the deal until an independent study of the river basin has been completed.',
      { h: 'A test for the industry' },
      'Water scarcity has become one of the main points of conflict between mining companies and local communities in northern Chile, where years of drought have depleted rivers and aquifers. Several companies have turned to desalinated seawater, but the plants are expensive to build and operate, and their effects on the coast are still debated.',
      'José Tapia Rivas, a spokesman for Minera Cordillera Norte, said the company would respect the result of the consultation, although it is not legally bound to do so. Results are expected on the evening of the vote. If residents reject the agreement, the town council has said it will ask the company to return with a revised proposal within six months.',
    ],
  },
  {
    slug: 'manitoba-inquiry-into-grain-rail-delays',
    headline: 'Manitoba opens inquiry into grain shipping delays on the rail network',
    dek: 'Farmers say slow rail service has left grain piling up in elevators across the province. The inquiry will hear from railways, shippers and port operators.',
    section: 'news/world/americas',
    authors: ['daniel-reyes'],
    tags: ['Agriculture', 'Transport', 'Trade'],
    dateline: 'Winnipeg',
    hoursAgo: 480,
    updatedAfterHours: 48,
    lead: {
      image: 'train-station',
      caption: 'Elevator operators say they received fewer than two-thirds of the rail cars they ordered.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of freight wagons lined up on tracks beside a station platform',
    },
    body: [
      'The provincial government of Manitoba has opened an inquiry into delays in shipping grain by rail, after farmers and elevator operators complained that cars were arriving weeks late and that grain was piling up across the province. The inquiry will hold public hearings in Winnipeg and in three rural towns over the next two months.',
      'Farm groups say slow rail service has forced some elevators to stop accepting deliveries, leaving farmers unable to sell their crops and to pay bills that fall due after the harvest. Elevator operators in western Manitoba said they had received fewer than two-thirds of the rail cars they ordered in the first weeks of the shipping season.',
      {
        quote:
          'We had a good crop and strong prices, and we cannot move it. Every week it sits in the bin is money that goes somewhere else.',
        cite: 'Hélène Tremblay-Wiebe, a grain farmer near Brandon',
      },
      'Rail industry representatives have pointed to crew shortages, track maintenance and congestion at ports on the Pacific coast as the main causes of the delays. They have said that additional locomotives and staff are being brought in, and that service is expected to improve before the coldest months of the winter.',
      {
        list: [
          'How rail cars are allocated between large terminals and smaller country elevators.',
          'Whether penalties for late service are high enough to change behaviour.',
          'The effect of port congestion on the movement of grain from the Prairies.',
          'Options for expanding shipments through the port of Churchill on Hudson Bay.',
        ],
      },
      'The inquiry is led by Marguerite Olafson, a retired judge, who will report to the provincial government with recommendations. Rail transport is regulated at the federal level, and the province cannot impose new rules on the railways directly, but farm groups hope the findings will add to the pressure on federal regulators.',
      'Grain is one of the province’s most important exports, and rail is the only practical way to move most of it to the ports. Economists at a Winnipeg-based research institute estimated that the delays this season could cost farmers in the province tens of millions of dollars in lost sales and extra storage costs.',
    ],
  },

  // ---------------------------------------------------------------------------
  // news/investigations
  // ---------------------------------------------------------------------------
  {
    slug: 'hospital-supply-contracts-went-to-linked-firms',
    headline: 'Hospital supply contracts worth €40m went to firms sharing one address',
    dek: 'Three companies that won most of a regional health authority’s tenders were linked through directors and a single office. The authority says it followed the rules.',
    section: 'news/investigations',
    authors: ['samuel-okafor', 'daniel-reyes'],
    tags: ['Corruption', 'Procurement'],
    dateline: 'Varnholm',
    hoursAgo: 36,
    updatedAfterHours: 12,
    lead: {
      image: 'laboratory',
      caption: 'The contracts covered items ranging from surgical gloves to laboratory reagents.',
      credit: 'Illustration: Masthead demo',
      alt: 'Illustration of a hospital laboratory bench with glassware and sample racks',
    },
    body: [
      'Three companies that won most of the medical supply contracts awarded by the Varnholm Regional Health Authority over four years were linked through their directors, their accountants and a single office address, according to an analysis of procurement records, company filings and interviews with former employees carried out by our investigations desk.',
      'Together, the three firms won contracts worth about **40 million euros** for items ranging from surgical gloves to laboratory reagents, more than 70 percent of the authority’s tenders in those categories. In a dozen tenders they were the only bidders. In several others, they submitted offers that differed from each other by less than one percent.',
      {
        ordered: true,
        list: [
          'All three companies were registered at the same address, a two-room office above a car dealership on the edge of the city.',
          'Two of the firms shared a director for 18 months, and the third was owned by that director’s brother-in-law.',
          'The same accountancy firm prepared the annual accounts of all three.',
          'In 12 tenders, the linked firms were the only companies to submit offers.',
          'Prices for some items were up to 35 percent higher than those paid by neighbouring health authorities for comparable products.',
        ],
      },
      'Competing bids from linked companies are not illegal in themselves, but procurement rules require bidders to declare connections that could affect competition. None of the three firms declared their links in the tender documents reviewed by our reporters. Procurement lawyers said such declarations were designed to let officials check whether bids were genuinely independent of each other.',
      {
        quote:
          'When the same people sit behind several bids, the authority is not buying in a competitive market. It is negotiating with one supplier that wears three hats.',
        cite: 'Marek Hollander, a lecturer in public procurement law',
      },
      'The director who links the companies, Tobias Renholt, said in a written response that each firm operated independently, had its own staff and customers, and had won contracts because it offered the best combination of price and quality. He said the shared address was a matter of convenience and that he had not been aware of any obligation to declare family relationships.',
      'The health authority said its tenders had been conducted in accordance with the rules and audited every year. A spokesman said it would review the findings and refer them to the regional audit office if necessary. Two members of the authority’s supervisory board said they would ask for an independent review of all contracts awarded to the three companies.',
      { rule: true },
      '*How we reported this story:* our reporters analysed more than 600 tender notices and award decisions published by the health authority, cross-referenced them with company registry filings and annual accounts, and interviewed five former employees of the three companies, who asked not to be named because they feared legal action. Everyone named was given the opportunity to respond before publication.',
    ],
  },
  {
    slug: 'flood-defence-contract-three-years-late-double-cost',
    headline: 'How a flood-defence contract ran three years late and doubled in cost',
    dek: 'Documents show that a river embankment project in Castellmar was repeatedly redesigned after the contract was signed. The contractor blames changing requirements.',
    section: 'news/investigations',
    authors: ['samuel-okafor'],
    tags: ['Procurement', 'Floods', 'Infrastructure', 'Courts'],
    dateline: 'Castellmar',
    hoursAgo: 230,
    lead: {
      image: 'bridge',
      caption: 'The embankment was meant to protect about 4,000 homes in the lower town.',
      credit: 'Photo: Lucía Ferrer / Masthead',
      alt: 'Illustration of a stone bridge over a wide river with low banks',
    },
    body: [
      'A contract to build flood defences along the river Brenna in Castellmar is running more than three years behind schedule and is now expected to cost about 58 million euros, almost double the price agreed when it was signed, according to council documents, engineering reports and minutes of closed meetings obtained by our investigations desk.',
      'The project, which was meant to protect about 4,000 homes in the lower town, was awarded after a tender in which the bid by the construction firm Ardenza Costruzioni was the lowest of five. Since then, the contract has been amended 14 times, each time adding costs or extending deadlines, often without a public vote in the council.',
      {
        image: 'storm',
        caption:
          'Autumn storms left parts of the lower town under water while the new embankment remained unfinished.',
        credit: 'Illustration: Masthead demo',
      },
      'Engineering reports show that the original design underestimated the depth of soft clay along a two-kilometre stretch of the riverbank, requiring deeper foundations. Independent engineers who reviewed the documents for this article said the problem should have been identified in the ground surveys carried out before the tender, which were limited to a handful of test drillings.',
      {
        quote:
          'A low bid built on a thin survey is not a saving. It is a bill that arrives later, usually when the public is no longer watching.',
        cite: 'Giulia Ferraro-Lind, a civil engineer who reviewed the project documents',
      },
      'Ardenza Costruzioni said in a statement that the additional costs were caused by changes requested by the council and by conditions on the site that could not have been foreseen. The company said it had completed more than 70 percent of the works and expected to finish the embankment within 18 months.',
      'The council’s infrastructure department said each amendment had been approved in line with procurement law and reviewed by its legal service. Opposition councillors have called for an inquiry, and a residents’ association in the lower town has filed a lawsuit asking the administrative court to suspend any further amendments until an independent audit is completed.',
      { rule: true },
      '*About this investigation:* the documents cited in this article include 14 contract amendments, three engineering reports and the minutes of six closed meetings of the council’s public works committee. Residents of the lower town who spoke to our reporters described repeated promises that the defences would be ready before the next flood season.',
    ],
  },
];
