/**
 * Port, protocol and CIDR matching shared by the security group rules (EC2.13,
 * EC2.14, EC2.53, EC2.54, CIS 5.1.2) and the network ACL rule (EC2.21).
 *
 * - An "open" source is the whole address space: `0.0.0.0/0` for IPv4, `::/0`
 *   for IPv6 (any spelling of a /0 prefix, e.g. `0::/0`, counts).
 * - Protocols are compared by IANA number: `tcp` is `6`, `udp` is `17`, and
 *   `-1` (or `all`) means every protocol and therefore every port.
 * - A port range is inclusive (`FromPort <= port <= ToPort`). A TCP or UDP
 *   entry that gives no range is read as covering every port: a missing field
 *   never makes a rule pass.
 */

export type IpFamily = 'IPv4' | 'IPv6';
/** Which open source a check looks for: one address family, or either. */
export type IpType = IpFamily | 'any';

export const OPEN_CIDR: Readonly<Record<IpFamily, string>> = { IPv4: '0.0.0.0/0', IPv6: '::/0' };

export const ALL_PROTOCOLS = '-1';
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = {
  all: ALL_PROTOCOLS,
  '-1': ALL_PROTOCOLS,
  icmp: '1',
  tcp: '6',
  udp: '17',
  icmpv6: '58',
};
const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '-1': 'all', '1': 'icmp', '6': 'tcp', '17': 'udp', '58': 'icmpv6' };

/** `tcp` -> `6`, `UDP` -> `17`, `all` -> `-1`; numbers stay numbers. */
export function protocolNumber(protocol: string | number | undefined): string {
  const text = String(protocol ?? '').trim().toLowerCase();
  return PROTOCOL_NUMBERS[text] ?? text;
}

/** A readable protocol name for evidence: `6` -> `tcp`, `-1` -> `all`. */
export function protocolName(protocol: string | number | undefined): string {
  const number = protocolNumber(protocol);
  return PROTOCOL_NAMES[number] ?? number;
}

/** Does `cidr` cover the whole address space of `family`? */
export function isOpenCidr(cidr: string | undefined, family: IpFamily): boolean {
  if (!cidr) return false;
  const [address, prefix] = cidr.trim().split('/');
  if (prefix === undefined || address === undefined || Number(prefix) !== 0 || prefix.trim() === '') return false;
  return family === 'IPv6' ? address.includes(':') : /^\d{1,3}(\.\d{1,3}){3}$/.test(address);
}

export function familiesOf(ipType: IpType): IpFamily[] {
  return ipType === 'any' ? ['IPv4', 'IPv6'] : [ipType];
}

/** The families to check, from a rule parameter (`IPv4`, `IPv6` or `any`); anything else is a bug in the rule. */
export function parseIpType(value: string): IpType {
  if (value === 'IPv4' || value === 'IPv6' || value === 'any') return value;
  throw new Error(`ipType must be IPv4, IPv6 or any, not ${value}`);
}

export interface PortMatch {
  /** The protocols that count, by name or number (`tcp`, `6`, `-1`). */
  protocols: readonly (string | number)[];
  /** The ports that must not be reachable. */
  ports: readonly number[];
}

/**
 * The ports of `match.ports` that an entry (protocol and inclusive range)
 * exposes: none when the protocol is not one of `match.protocols`; all of them
 * for protocol `-1`, or when a port-based protocol gives no range.
 */
export function exposedPorts(
  protocol: string | number | undefined,
  from: number | undefined,
  to: number | undefined,
  match: PortMatch,
): number[] {
  const number = protocolNumber(protocol);
  const wanted = new Set(match.protocols.map(protocolNumber));
  if (!wanted.has(number)) return [];
  if (number === ALL_PROTOCOLS) return [...match.ports];
  if (from === undefined || to === undefined || from === -1 || to === -1) return [...match.ports];
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  return match.ports.filter((port) => port >= low && port <= high);
}

/** `tcp 20-25`, `all`, `udp 445`: a protocol and port range as a person reads it. */
export function describeRange(protocol: string | number | undefined, from: number | undefined, to: number | undefined): string {
  const name = protocolName(protocol);
  if (protocolNumber(protocol) === ALL_PROTOCOLS) return 'all traffic';
  if (from === undefined || to === undefined || from === -1 || to === -1) return `${name} all ports`;
  return from === to ? `${name} ${from}` : `${name} ${from}-${to}`;
}
