import { isIPv4, isIPv6 } from "node:net";

/** An IP address as an unsigned integer plus its family, so ranges compare numerically. */
export interface IpValue {
  family: 4 | 6;
  value: bigint;
}

export interface IpRange {
  family: 4 | 6;
  low: bigint;
  high: bigint;
}

export function parseIp(text: string): IpValue | null {
  if (isIPv4(text)) return { family: 4, value: ipv4ToBigInt(text) };
  if (isIPv6(text)) {
    const value = ipv6ToBigInt(text);
    return value === null ? null : { family: 6, value };
  }
  return null;
}

function ipv4ToBigInt(text: string): bigint {
  return text.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6ToBigInt(text: string): bigint | null {
  const address = text.split("%")[0] ?? text;
  const [head = "", tail] = address.split("::");
  const headGroups = expandGroups(head);
  const tailGroups = tail === undefined ? [] : expandGroups(tail);
  if (headGroups === null || tailGroups === null) return null;
  const missing = 8 - headGroups.length - tailGroups.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...headGroups, ...new Array<number>(missing).fill(0), ...tailGroups];
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/** Hex groups of one side of "::"; an embedded dotted IPv4 tail counts as two groups. */
function expandGroups(side: string): number[] | null {
  if (side === "") return [];
  const groups: number[] = [];
  for (const part of side.split(":")) {
    if (part.includes(".")) {
      if (!isIPv4(part)) return null;
      const v4 = Number(ipv4ToBigInt(part));
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else {
      groups.push(Number.parseInt(part, 16));
    }
  }
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/**
 * Parses "address/bits" the way EventBridge does: one "/" required, IPv4 bits 0..31 and IPv6 bits 0..127, and the
 * range runs from the address as written up to it with all host bits set (the address is not masked down first).
 */
export function parseCidr(text: string): IpRange | string {
  const parts = text.split("/");
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [address = "", bitsText = ""] = parts;
  if (!/^\d+$/.test(bitsText)) return "Malformed CIDR, mask bits must be a non-negative integer";
  const ip = parseIp(address);
  if (ip === null) return `Invalid IP address: ${address}`;
  const bits = Number(bitsText);
  const width = ip.family === 4 ? 32 : 128;
  if (bits >= width) return `IPv${ip.family} mask bits must be < ${width}`;
  const hostMask = (1n << BigInt(width - bits)) - 1n;
  return { family: ip.family, low: ip.value, high: ip.value | hostMask };
}

export function ipInRange(ip: IpValue, range: IpRange): boolean {
  return ip.family === range.family && ip.value >= range.low && ip.value <= range.high;
}
