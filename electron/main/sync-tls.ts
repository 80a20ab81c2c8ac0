/**
 * TLS for the sync server a laptop hosts, and pinning for the laptops that connect to one.
 *
 * The host makes a self-signed certificate (ECDSA P-256, `selfsigned`) the first time it
 * hosts and keeps it under userData, so its fingerprint — SHA-256 of the certificate's DER
 * bytes, base64url — stays the same across restarts and travels in every invite. No
 * certificate authority can vouch for a laptop on a LAN; the invite does.
 *
 * Joiners pin: Chromium asks main about every certificate (setCertificateVerifyProc), and
 * for a pinned host main accepts exactly the pinned certificate and nothing else. Pins are
 * per host name (Chromium does not say the port). Other hosts get Chromium's own verdict.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SyncTrustRequest, SyncTrustResult } from '../../shared/ipc/contract';

export interface HostCertificate {
  certPath: string;
  keyPath: string;
  fingerprint: string;
}

/** SHA-256 of a PEM certificate's DER bytes, base64url: what invites carry. */
export function fingerprintOfPem(pem: string): string {
  return createHash('sha256').update(new X509Certificate(pem).raw).digest('base64url');
}

/** The host's certificate from `dir`, made (key readable by this user only) if there is none or it does not parse. */
export async function loadOrCreateCertificate(dir: string, now = new Date()): Promise<HostCertificate> {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  try {
    const [cert] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    const parsed = new X509Certificate(cert);
    if (new Date(parsed.validTo) > now) return { certPath, keyPath, fingerprint: fingerprintOfPem(cert) };
  } catch {
    // None yet, or damaged: make a new one below (joiners then need a new invite).
  }
  const { generate } = await import('selfsigned');
  const notAfterDate = new Date(now.getTime() + 10 * 365 * 24 * 60 * 60 * 1000);
  const pems = await generate([{ name: 'commonName', value: 'Honbu sync host' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256', notBeforeDate: now, notAfterDate });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  await writeFile(certPath, pems.cert);
  return { certPath, keyPath, fingerprint: fingerprintOfPem(pems.cert) };
}

/** Chromium's verify-proc answers: accept, refuse, or use its own verification. */
export const VERIFY = { accept: 0, refuse: -2, chromium: -3 } as const;

const hostOf = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Which certificate each sync server host may present (see the file comment). */
export class CertificatePins {
  private readonly pins = new Map<string, string>();
  private readonly watched = new Set<string>();
  private readonly seen = new Map<string, string>();

  trust(req: SyncTrustRequest): SyncTrustResult {
    const host = hostOf(req.url);
    if (req.fingerprint) {
      this.pins.set(host, req.fingerprint);
      this.watched.delete(host);
    } else if (!this.pins.has(host)) this.watched.add(host);
    return { seen: this.seen.get(host) ?? null };
  }

  /** The answer for a certificate `hostname` presented. */
  verify(hostname: string, fingerprint: string): number {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const pin = this.pins.get(host);
    if (pin !== undefined) {
      this.seen.set(host, fingerprint);
      return pin === fingerprint ? VERIFY.accept : VERIFY.refuse;
    }
    if (this.watched.has(host)) {
      this.seen.set(host, fingerprint);
      return VERIFY.accept;
    }
    return VERIFY.chromium;
  }
}
