import { describe, expect, it } from 'vitest';
import { isNonPublicAddress } from './address-classes.js';
import { BlockedTargetError, checkAddress, checkTarget } from './outbound.js';

describe('SSRF guard', () => {
  it('classifies private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a00:1',
      '2002:c0a8:101::1',
    ]) {
      expect(isNonPublicAddress(ip), ip).toBe(true);
    }
    for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isNonPublicAddress(ip), ip).toBe(false);
    }
  });

  it('lets the operator allow hosts, addresses and ranges', () => {
    const none = { allowPrivate: false, allowedHosts: [] };
    expect(() => checkAddress(none, '127.0.0.1', '127.0.0.1')).toThrow(BlockedTargetError);
    expect(() =>
      checkAddress({ ...none, allowedHosts: ['127.0.0.1'] }, '127.0.0.1', '127.0.0.1'),
    ).not.toThrow();
    expect(() =>
      checkAddress({ ...none, allowedHosts: ['10.0.0.0/8'] }, 'hooks.lan', '10.2.3.4'),
    ).not.toThrow();
    expect(() =>
      checkAddress({ ...none, allowedHosts: ['hooks.lan'] }, 'hooks.lan', '10.2.3.4'),
    ).not.toThrow();
    expect(() => checkAddress({ ...none, allowedHosts: ['hooks.lan'] }, 'other.lan', '10.2.3.4')).toThrow();
    expect(() => checkAddress({ allowPrivate: true, allowedHosts: [] }, 'x', '10.2.3.4')).not.toThrow();
  });

  it('checks host names after resolving them', async () => {
    const none = { allowPrivate: false, allowedHosts: [] };
    await expect(checkTarget(none, new URL('http://localhost:9/'))).rejects.toThrow(BlockedTargetError);
    await expect(checkTarget(none, new URL('http://[::1]:9/'))).rejects.toThrow(BlockedTargetError);
    await expect(checkTarget(none, new URL('http://2130706433/'))).rejects.toThrow(BlockedTargetError);
  });
});
