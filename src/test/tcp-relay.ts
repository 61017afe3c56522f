import net from 'node:net';

/**
 * A TCP relay in front of a server (a database), for outage tests. `freeze()` keeps every
 * connection open and passes nothing either way, as a stopped or swamped server looks from
 * outside; `down()` cuts every connection and refuses new ones, as a crashed server; `up()`
 * listens again on the same port. With no upstream it accepts connections and never answers.
 */
export async function tcpRelay(upstream?: { host: string; port: number }) {
  let frozen = false;
  const sockets = new Set<net.Socket>();
  const held: (() => void)[] = [];
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (!upstream) return;
    const up = net.connect(upstream);
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
    const pipe = (from: net.Socket, to: net.Socket) =>
      from.on('data', (chunk) => {
        if (frozen) held.push(() => to.write(chunk));
        else to.write(chunk);
      });
    pipe(client, up);
    pipe(up, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const down = async () => {
    const closed = new Promise((resolve) => server.close(resolve));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    port,
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const send of held.splice(0)) send();
    },
    down,
    async up() {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    close: () => (server.listening ? down() : Promise.resolve()),
  };
}
