/** The nginx configuration's text: what goes in, what is refused (nginx itself: nginx.test.ts). */
import { describe, expect, it } from 'vitest';
import { pickEncoding } from './http.js';
import { COMMON_ACCEPT_ENCODINGS, type NginxConfigOptions, nginxConfig } from './nginx.js';

const base: NginxConfigOptions = {
  siteUrl: 'https://news.example.com',
  listen: '80',
  upstreams: ['10.0.0.11:3000', '10.0.0.12:3000'],
  cacheDir: '/var/cache/masthead',
  serverNames: ['news.example.com', 'mirror.example.org'],
  onion: null,
  maxSize: '10g',
};

describe('masthead nginx-config', () => {
  it('names every app node, host and the cache directory', () => {
    const text = nginxConfig(base);
    expect(text).toContain('server 10.0.0.11:3000;\n    server 10.0.0.12:3000;');
    expect(text).toContain('server_name news.example.com mirror.example.org localhost 127.0.0.1 [::1];');
    expect(text).toContain('proxy_cache_path /var/cache/masthead levels=1:2');
    expect(text).not.toContain('Onion-Location');
    expect(text).not.toContain('server_names_hash_bucket_size');
    // The key header reaches the app only from the cached location; elsewhere it is dropped.
    expect(text.match(/proxy_set_header X-Masthead-Origin-Key "";/g)).toHaveLength(7);
    // Live coverage streams pass straight through (a cache lock would hold every reader back).
    expect(text).toContain('location ^~ /live/ {');
    expect(text).toContain('proxy_set_header X-Masthead-Origin-Key $masthead_key;');
  });

  it('lists common Accept-Encoding values with the copy its expressions and the app would pick', () => {
    const text = nginxConfig(base);
    const block = /map \$http_accept_encoding \$masthead_encoding \{\n([^}]*)\}/.exec(text)?.[1] ?? '';
    // nginx's "~*" expressions, in order, as JavaScript reads the same syntax.
    const expressions = [...block.matchAll(/^\s*"~\*(.+)"\s+(br|gzip);$/gm)].map(
      (m) => [new RegExp(String(m[1]), 'i'), m[2]] as const,
    );
    expect(expressions).toHaveLength(2);
    const byExpressions = (value: string) => expressions.find(([re]) => re.test(value))?.[1] ?? '';
    for (const [value, encoding] of COMMON_ACCEPT_ENCODINGS) {
      expect(block).toContain(`${JSON.stringify(value)}`);
      expect(byExpressions(value), value).toBe(encoding);
      expect(pickEncoding(value, { compressible: true }) ?? '', value).toBe(encoding);
    }
  });

  it('adds Onion-Location with an onion address', () => {
    const onion = 'http://abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuv.onion';
    const text = nginxConfig({ ...base, onion, serverNames: [...base.serverNames, new URL(onion).host] });
    expect(text).toContain(`"~^text/html"  "${onion}$masthead_onion_path";`);
    expect(text).toContain('add_header Onion-Location $masthead_onion_location;');
    expect(text).toContain('server_names_hash_bucket_size 128;');
  });

  it('keeps the pages of editions on hosts of their own apart, one copy per edition', () => {
    // Without such editions the key is the site's as ever.
    expect(nginxConfig(base)).toContain('default  "$masthead_encoding:$uri$masthead_page";');
    expect(nginxConfig(base)).not.toContain('$masthead_edition');
    const text = nginxConfig({
      ...base,
      serverNames: [...base.serverNames, 'es.example.com', 'es-mirror.example.net'],
      editionHosts: [
        { host: 'es.example.com', code: 'es' },
        { host: 'es-mirror.example.net', code: 'es' },
      ],
    });
    expect(text).toContain(
      'map $host $masthead_edition {\n    es.example.com  "@es";\n    es-mirror.example.net  "@es";\n    default  "";\n}',
    );
    expect(text).toContain('default  "$masthead_encoding:$masthead_edition$uri$masthead_page";');
    expect(() => nginxConfig({ ...base, editionHosts: [{ host: 'a.example', code: 'es"; x' }] })).toThrow(
      /edition code/,
    );
  });

  it('refuses values that would end a directive, and no app node', () => {
    expect(() => nginxConfig({ ...base, listen: '80; include /etc/passwd' })).toThrow(/listen/);
    expect(() => nginxConfig({ ...base, serverNames: ['a.example {'] })).toThrow(/server name/);
    expect(() => nginxConfig({ ...base, cacheDir: '/var/cache/my cache' })).toThrow(/cache directory/);
    expect(() => nginxConfig({ ...base, upstreams: [] })).toThrow(/upstream/);
  });
});
