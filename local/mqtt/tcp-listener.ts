import { createServer, type Server } from 'node:net'
import type { MqttBroker } from './mqtt-broker.ts'

/**
 * Plain MQTT over TCP for tools and simulated devices on the loopback. AWS
 * IoT has no such listener; here a client id naming a thing is enough to act
 * as that thing (see mqtt-access.ts), so it must stay on 127.0.0.1.
 */
export async function listenMqttTcp(
  broker: MqttBroker,
  { host, port }: { host: string; port: number },
): Promise<Server> {
  const server = createServer((socket) => {
    socket.setNoDelay(true)
    broker.handle(socket, { transport: 'tcp' })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
