/**
 * The newsroom app's words in English: the reference catalogue. Messages are ICU MessageFormat
 * (`{name}` arguments, `{n, plural, one {…} other {…}}`), read by intl-messageformat, the library
 * the public site's catalogues use too. Another language is a file like this one with the same
 * keys (any it lacks fall back to English), registered in ./index.ts.
 */
export const en = {
  'app.name': '{site} Newsroom',
  'app.brand': '{site} · Newsroom',
  'app.loading': 'Loading the newsroom…',
  'app.down.title': 'The newsroom server does not answer',
  'app.down.text':
    'Check your connection; this page tries again by itself. Anything you wrote is kept on this device.',
  'app.down.retry': 'Try again',
  'app.down.tab': 'Server not answering',
  'app.notFound.title': 'Not found',
  'app.notFound.back': 'Back to the desk',
  'app.skip': 'Skip to content',
  'app.menu': 'Menu',
  'app.nav.label': 'Main',
  'app.newStory': 'New story',
  'app.account.title': '{email}: your account and password',
  'app.shortcuts': 'Shortcuts',
  'app.signOut': 'Sign out',

  'nav.desk': 'Desk',
  'nav.stories': 'Stories',
  'nav.media': 'Media',
  'nav.audience': 'Most read',
  'nav.fronts': 'Fronts',
  'nav.wire': 'Wire',
  'nav.alerts': 'Breaking news',
  'nav.sections': 'Sections',
  'nav.tags': 'Tags',
  'nav.authors': 'Authors',
  'nav.users': 'Users',
  'nav.mirrors': 'Mirrors',
  'nav.imports': 'Imports',

  'signIn.tab': 'Sign in',
  'signIn.title': 'Sign in to the newsroom',
  'signIn.email': 'Email',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.busy': 'Signing in…',
  'signIn.wrong': 'Wrong email or password.',
  'signIn.unreachable': 'Could not reach the server.',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.close': 'Close',
  'shortcuts.app': 'Anywhere outside a text field',
  'shortcuts.editor': 'While writing a story',
  'shortcuts.then': 'then',

  'sideBySide.toggle': 'Side by side',
  'sideBySide.source': 'Source',
  'sideBySide.other': 'Another version',
  'sideBySide.pick': 'Version shown',
  'sideBySide.option': '{language}: {headline}',
  'sideBySide.option.source': '{language} (source): {headline}',
  'sideBySide.close': 'Close',
  'sideBySide.loading': 'Loading…',

  // Desk
  'common.loading': 'Loading…',
  'desk.drafts': 'My drafts',
  'desk.drafts.empty': 'No drafts of yours.',
  'desk.review': 'Waiting for review',
  'desk.review.empty': 'Nothing waits for review.',
  'desk.pending': 'Changes waiting on live stories',
  'desk.pending.empty': 'No live story has changes waiting.',
  'desk.scheduled': 'Scheduled',
  'desk.scheduled.empty': 'Nothing scheduled.',
  'desk.published': 'Recently published',
  'desk.published.empty': 'Nothing published yet.',

  // Most read
  'audience.window.hour': 'Last hour',
  'audience.window.day': 'Last 24 hours',
  'audience.window.week': 'Last 7 days',
  'audience.hourly': 'Views per hour, last 48 hours',
  'audience.daily': 'Views per day, last 30 days',
  'audience.stories': 'Most read stories',
  'audience.none': 'No views counted in this period yet.',
  'audience.meta': '{section} · published {time}',
  'audience.views': '{views} views',

  // Your account
  'common.unreachable': 'Could not reach the server.',
  'account.title': 'Your account',
  'account.password': 'Change password',
  'account.current': 'Current password',
  'account.new': 'New password (at least 12 characters)',
  'account.repeat': 'New password again',
  'account.differ': 'The two new passwords differ.',
  'account.changed': 'Password changed. Sign in again with the new one.',
  'account.password.hint':
    'Changing it signs you out everywhere, this browser included, and revokes your API tokens.',
  'account.sessions': 'Sessions',
  'account.sessions.hint':
    'Lost a device? Signing out everywhere ends every session, this one included, and revokes all your API tokens.',
  'account.everywhere': 'Sign out everywhere',
  'account.everywhere.confirm':
    'Sign out everywhere? Every session ends and all your API tokens are revoked.',

  // Breaking news
  'alerts.level.breaking': 'Breaking',
  'alerts.level.developing': 'Developing',
  'alerts.level.live': 'Live',
  'alerts.withdrawn': 'Withdrawn {time}',
  'alerts.showing': 'Showing until {time}',
  'alerts.ended': 'Ended {time}',
  'alerts.form': 'Raise an alert',
  'alerts.raised': 'The alert is on every page now.',
  'alerts.text': 'Alert text',
  'alerts.link': 'Link (a path on this site or an https address; optional)',
  'alerts.level': 'Level',
  'alerts.ends': 'Ends after',
  'alerts.hours': '{h, plural, one {# hour} other {# hours}}',
  'alerts.raise': 'Raise alert',
  'alerts.caption': 'Alerts, newest first',
  'alerts.col.alert': 'Alert',
  'alerts.col.status': 'Status',
  'alerts.col.actions': 'Actions',
  'alerts.withdrew': 'Withdrew “{text}”.',
  'alerts.withdraw': 'Withdraw',
  'alerts.none': 'No alerts yet.',

  // API tokens
  'tokens.expiry.30': '30 days',
  'tokens.expiry.90': '90 days',
  'tokens.expiry.365': 'a year',
  'tokens.never': 'never',
  'tokens.revoked': 'revoked {day}',
  'tokens.expired': 'expired {day}',
  'tokens.expires': 'expires {day}',
  'tokens.neverExpires': 'never expires',
  'tokens.created': 'Token created. Copy it now: it is not shown again.',
  'tokens.title': 'API tokens',
  'tokens.hint.send': 'For scripts: send',
  'tokens.hint.rest':
    '. A token acts with your role. Changing your password, a password reset and “Sign out everywhere” revoke all your tokens.',
  'tokens.new': 'Your new token',
  'tokens.form': 'Create an API token',
  'tokens.name': 'Name',
  'tokens.name.placeholder': 'ingest script',
  'tokens.expiresAfter': 'Expires after',
  'tokens.password': 'Your password, to confirm',
  'tokens.create': 'Create token',
  'tokens.caption': 'Your API tokens',
  'tokens.state': 'State',
  'tokens.lastUsed': 'Last used',
  'tokens.revoke': 'Revoke',
  'tokens.revoke.label': 'Revoke {name}',
  'tokens.revokedNotice': 'Revoked {name}.',

  // New story
  'newStory.headline': 'Headline',
  'newStory.section': 'Section',
  'newStory.create': 'Create draft',

  // Media
  'media.edit': 'Edit',
  'media.show': 'Show',
  'media.details': 'Image details',
} as const;

export type MessageKey = keyof typeof en;
