/** SITE_URL follows the address served when unset; a mismatch on this machine is named. */
import { describe, expect, it } from 'vitest';
import { loadConfig, servedUrl, siteUrlAtListen, siteUrlMismatch } from './config.js';

describe('SITE_URL', () => {
  it('defaults to the address served, whatever PORT is', () => {
    expect(loadConfig({ PORT: '4100' }).site.url).toBe('http://localhost:4100');
    expect(loadConfig({}).site.url).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '8080', HOST: '0.0.0.0' }).site.url).toBe('http://localhost:8080');
    expect(loadConfig({ PORT: '8080', HOST: '10.0.0.5' }).site.url).toBe('http://10.0.0.5:8080');
    expect(servedUrl({ host: 'fd00::5', port: 81 })).toBe('http://[fd00::5]:81');
    // Set, it is kept as given (without a trailing slash).
    expect(loadConfig({ PORT: '4100', SITE_URL: 'https://news.example.com/' }).site.url).toBe(
      'https://news.example.com',
    );
  });

  it('warns when it names this machine on another port or host', () => {
    const listen = { host: '127.0.0.1', port: 4100 };
    expect(siteUrlMismatch('http://localhost:3000', listen)).toMatch(
      /SITE_URL http:\/\/localhost:3000 is not the address this process listens on \(http:\/\/localhost:4100\)/,
    );
    expect(siteUrlMismatch('http://127.0.0.1', listen)).not.toBeNull();
    expect(siteUrlMismatch('http://localhost:4100', listen)).toBeNull();
    expect(siteUrlMismatch('http://127.0.0.1:4100', listen)).toBeNull();
    expect(siteUrlMismatch('http://[::1]:4100', listen)).toBeNull();
    // Listening on one interface, a loopback SITE_URL does not reach it.
    expect(siteUrlMismatch('http://localhost:4100', { host: '10.0.0.5', port: 4100 })).not.toBeNull();
    expect(siteUrlMismatch('http://10.0.0.5:4100', { host: '10.0.0.5', port: 4100 })).toBeNull();
    expect(siteUrlMismatch('http://localhost:4100', { host: '0.0.0.0', port: 4100 })).toBeNull();
  });

  it('says nothing of a public name: a proxy in front is expected', () => {
    expect(siteUrlMismatch('https://news.example.com', { host: '127.0.0.1', port: 3000 })).toBeNull();
  });

  it('is final after listen: unset, the port really bound (PORT=0 included); set, kept and checked', () => {
    const random = loadConfig({ PORT: '0', HOST: '127.0.0.1' });
    expect(siteUrlAtListen(random, 41234)).toEqual({ url: 'http://localhost:41234', warning: null });
    const set = loadConfig({ PORT: '0', HOST: '127.0.0.1', SITE_URL: 'http://localhost:3000/' });
    const after = siteUrlAtListen(set, 41234);
    expect(after.url).toBe('http://localhost:3000');
    expect(after.warning).toMatch(/listens on \(http:\/\/localhost:41234\)/);
    const publicName = loadConfig({ PORT: '0', SITE_URL: 'https://news.example.com' });
    expect(siteUrlAtListen(publicName, 41234)).toEqual({ url: 'https://news.example.com', warning: null });
  });
});
