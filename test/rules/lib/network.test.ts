import { describe, expect, it } from 'vitest';
import { describeRange, exposedPorts, familiesOf, isOpenCidr, parseIpType, protocolName, protocolNumber } from '../../../rules/lib/network.js';

const ADMIN = { ports: [22, 3389], protocols: ['6', '17', '-1'] };

describe('network matching', () => {
  it('recognises only the whole address space of each family as open', () => {
    expect(isOpenCidr('0.0.0.0/0', 'IPv4')).toBe(true);
    expect(isOpenCidr(' 0.0.0.0/0 ', 'IPv4')).toBe(true);
    expect(isOpenCidr('0.0.0.0/1', 'IPv4')).toBe(false);
    expect(isOpenCidr('10.0.0.0/8', 'IPv4')).toBe(false);
    expect(isOpenCidr('0.0.0.0/0', 'IPv6')).toBe(false);
    expect(isOpenCidr('::/0', 'IPv6')).toBe(true);
    expect(isOpenCidr('0::/0', 'IPv6')).toBe(true);
    expect(isOpenCidr('::/0', 'IPv4')).toBe(false);
    expect(isOpenCidr('2001:db8::/32', 'IPv6')).toBe(false);
    expect(isOpenCidr('::/', 'IPv6')).toBe(false);
    expect(isOpenCidr('0.0.0.0', 'IPv4')).toBe(false);
    expect(isOpenCidr(undefined, 'IPv4')).toBe(false);
  });

  it('normalises protocol names and numbers', () => {
    expect(protocolNumber('tcp')).toBe('6');
    expect(protocolNumber('UDP')).toBe('17');
    expect(protocolNumber('all')).toBe('-1');
    expect(protocolNumber(-1)).toBe('-1');
    expect(protocolNumber('6')).toBe('6');
    expect(protocolNumber('50')).toBe('50');
    expect(protocolName('6')).toBe('tcp');
    expect(protocolName('-1')).toBe('all');
    expect(protocolName('50')).toBe('50');
  });

  it('finds the checked ports inside an inclusive range, for the checked protocols only', () => {
    expect(exposedPorts('tcp', 22, 22, ADMIN)).toEqual([22]);
    expect(exposedPorts('tcp', 0, 65535, ADMIN)).toEqual([22, 3389]);
    expect(exposedPorts('6', 23, 3388, ADMIN)).toEqual([]);
    expect(exposedPorts('udp', 3389, 3389, ADMIN)).toEqual([3389]);
    expect(exposedPorts('tcp', 3389, 22, ADMIN)).toEqual([22, 3389]); // reversed bounds still cover both
    expect(exposedPorts('udp', 22, 22, { ports: [22], protocols: ['6', '-1'] })).toEqual([]);
    expect(exposedPorts('icmp', -1, -1, ADMIN)).toEqual([]);
  });

  it('treats protocol -1, and a port-based entry without a range, as every port', () => {
    expect(exposedPorts('-1', undefined, undefined, ADMIN)).toEqual([22, 3389]);
    expect(exposedPorts('-1', 80, 80, ADMIN)).toEqual([22, 3389]);
    expect(exposedPorts('6', undefined, undefined, ADMIN)).toEqual([22, 3389]);
    expect(exposedPorts('-1', undefined, undefined, { ports: [22], protocols: ['6'] })).toEqual([]);
  });

  it('describes ranges and ip types', () => {
    expect(describeRange('tcp', 22, 22)).toBe('tcp 22');
    expect(describeRange('6', 20, 25)).toBe('tcp 20-25');
    expect(describeRange('-1', undefined, undefined)).toBe('all traffic');
    expect(describeRange('17', undefined, undefined)).toBe('udp all ports');
    expect(familiesOf(parseIpType('any'))).toEqual(['IPv4', 'IPv6']);
    expect(familiesOf(parseIpType('IPv6'))).toEqual(['IPv6']);
    expect(() => parseIpType('ipv4')).toThrow(/ipType must be/);
  });
});
