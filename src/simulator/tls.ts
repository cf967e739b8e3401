import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';

/** The simulator's certificate authority and the server certificate it signed. */
export interface SimulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const VALID_DAYS = 825;

/**
 * Loads the CA and server certificate from `dir` when they are there (so a client that
 * trusted the CA file keeps trusting it across restarts), otherwise creates and writes them.
 */
export function loadOrCreateTls(dir: string): SimulatorTls {
  const files = { caPem: 'ca.pem', certPem: 'server.pem', keyPem: 'server-key.pem' } as const;
  const existing = Object.values(files).every((f) => fs.existsSync(path.join(dir, f)));
  if (existing) {
    const loaded = {
      caPem: fs.readFileSync(path.join(dir, files.caPem), 'utf8'),
      certPem: fs.readFileSync(path.join(dir, files.certPem), 'utf8'),
      keyPem: fs.readFileSync(path.join(dir, files.keyPem), 'utf8'),
    };
    if (!certificateExpired(loaded.certPem)) {
      return loaded;
    }
  }
  const tls = createTls();
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, files.caPem), tls.caPem);
  fs.writeFileSync(path.join(dir, files.certPem), tls.certPem);
  fs.writeFileSync(path.join(dir, files.keyPem), tls.keyPem, { mode: 0o600 });
  return tls;
}

function certificateExpired(pem: string): boolean {
  try {
    return new Date(new crypto.X509Certificate(pem).validTo).getTime() < Date.now() + 86_400_000;
  } catch {
    return true;
  }
}

/** Creates a fresh CA and a server certificate for localhost, 127.0.0.1 and ::1. */
export function createTls(): SimulatorTls {
  // forge's pure-JS RSA key generation takes seconds; Node's native one takes milliseconds.
  const ca = nativeKeyPair();
  const server = nativeKeyPair();
  const now = new Date();
  const notAfter = new Date(now.getTime() + VALID_DAYS * 86_400_000);

  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = randomSerial();
  caCert.validity.notBefore = new Date(now.getTime() - 60_000);
  caCert.validity.notAfter = notAfter;
  const caSubject = [
    { name: 'commonName', value: 'Rampart Simulator Local CA' },
    { name: 'organizationName', value: 'Rampart' },
  ];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.privateKey, forge.md.sha256.create());

  const cert = forge.pki.createCertificate();
  cert.publicKey = server.publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = notAfter;
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.privateKey, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCert),
    certPem: forge.pki.certificateToPem(cert),
    keyPem: forge.pki.privateKeyToPem(server.privateKey),
  };
}

function nativeKeyPair(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey } {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey),
  };
}

function randomSerial(): string {
  // A positive serial: clear the top bit so DER does not read it as negative.
  const bytes = crypto.randomBytes(16);
  bytes[0] = bytes[0] & 0x7f;
  return bytes.toString('hex');
}
