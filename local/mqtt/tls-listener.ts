import { createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { createServer, type TLSSocket } from 'node:tls'
import type { MqttBroker } from './mqtt-broker.ts'

/**
 * MQTT over mutual TLS, as devices reach AWS IoT on port 8883: the device
 * presents a client certificate, which must chain to the local CA or the
 * handshake fails. The broker then learns the certificate's id (the SHA-256 of
 * its DER, as AWS IoT names certificates) and asks the certificate registry
 * and the IoT policies whether it may connect (see mqtt-access.ts).
 */
export interface MqttTlsListener {
  readonly port: number
  /** Closes every connection made with the certificate (it stopped being ACTIVE). */
  disconnect(certificateId: string): void
  close(): Promise<void>
}

export interface MqttTlsOptions {
  readonly host: string
  readonly port: number
  /** The listener's own certificate and key, and the CA that signs device certificates. */
  readonly certificatePem: string
  readonly privateKeyPem: string
  readonly caPem: string
}

export async function listenMqttTls(
  broker: MqttBroker,
  options: MqttTlsOptions,
): Promise<MqttTlsListener> {
  const sockets = new Map<string, Set<TLSSocket>>()
  const server = createServer(
    {
      cert: options.certificatePem,
      key: options.privateKeyPem,
      ca: [options.caPem],
      requestCert: true,
      rejectUnauthorized: true,
      // AWS IoT Core speaks TLS 1.2 and 1.3.
      minVersion: 'TLSv1.2',
      handshakeTimeout: 10_000,
    },
    (socket) => {
      const der = socket.getPeerCertificate().raw as Buffer | undefined
      if (!socket.authorized || der === undefined) {
        socket.destroy()
        return
      }
      const certificateId = createHash('sha256').update(der).digest('hex')
      let open = sockets.get(certificateId)
      if (open === undefined) sockets.set(certificateId, (open = new Set()))
      open.add(socket)
      socket.once('close', () => {
        open.delete(socket)
        if (open.size === 0) sockets.delete(certificateId)
      })
      socket.setNoDelay(true)
      broker.handle(socket, { transport: 'tls', certificateId })
    },
  )
  // A failed handshake (unknown CA, no client certificate) ends only that socket.
  server.on('tlsClientError', () => undefined)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => resolve())
  })
  return {
    port: (server.address() as AddressInfo).port,
    disconnect: (certificateId) => {
      for (const socket of sockets.get(certificateId) ?? []) socket.destroy()
    },
    close: () => {
      for (const open of sockets.values()) for (const socket of open) socket.destroy()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
