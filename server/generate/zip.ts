/**
 * A ZIP archive of a few parts, as Office files are: each part deflated with Node's zlib, file
 * names in UTF-8, no ZIP64 (a part stays far below 4 GB).
 */
import { constants, crc32, deflateRawSync } from 'zlib';

export interface ZipEntry {
  path: string;
  data: string | Buffer;
  /** the same in every archive (a style sheet, a theme): deflated once per process */
  fixed?: boolean;
  /** text the part starts with, the same in every archive (a root element's namespaces): deflated once per process, `data` following it */
  opening?: string;
}

interface Packed {
  packed: Buffer[];
  crc: number;
  size: number;
}

const fixedParts = new Map<string | Buffer, Packed>();
const openings = new Map<string, Packed>();

/** zlib's level 1: about a fifth faster than level 3 on our XML (and four times its default, 6), for files some 3% larger. */
export const DEFLATE_LEVEL = 1;

function pack(data: string | Buffer): Packed {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { packed: [deflateRawSync(bytes, { level: DEFLATE_LEVEL })], crc: crc32(bytes), size: bytes.length };
}

/**
 * An opening deflated on its own and ended on a byte boundary (a sync flush, not the last
 * block), so that the rest of a part, deflated after it, follows it as further blocks of one
 * stream.
 */
function packOpening(opening: string): Packed {
  const bytes = Buffer.from(opening, 'utf8');
  return { packed: [deflateRawSync(bytes, { level: DEFLATE_LEVEL, finishFlush: constants.Z_SYNC_FLUSH })], crc: crc32(bytes), size: bytes.length };
}

/** After an opening, a rest this short (a footer's title, the numbered lists' ids) is stored rather than deflated: a few hundred bytes more for a file, and no zlib stream to set up. */
const STORED_UP_TO = 1024;

/** Bytes as deflate's last block, stored: the header byte (last, stored; the opening ended on a byte boundary), the length and its complement, the bytes. */
function storedBlock(bytes: Buffer): Buffer[] {
  const header = Buffer.alloc(5);
  header.writeUInt8(1, 0);
  header.writeUInt16LE(bytes.length, 1);
  header.writeUInt16LE(~bytes.length & 0xffff, 3);
  return [header, bytes];
}

function packed(entry: ZipEntry): Packed {
  if (entry.opening !== undefined) {
    let head = openings.get(entry.opening);
    if (!head) openings.set(entry.opening, (head = packOpening(entry.opening)));
    const bytes = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    return {
      packed: [...head.packed, ...(bytes.length <= STORED_UP_TO ? storedBlock(bytes) : [deflateRawSync(bytes, { level: DEFLATE_LEVEL })])],
      crc: crc32(bytes, head.crc),
      size: head.size + bytes.length,
    };
  }
  if (!entry.fixed) return pack(entry.data);
  let result = fixedParts.get(entry.data);
  if (!result) fixedParts.set(entry.data, (result = pack(entry.data)));
  return result;
}

/** The time in MS-DOS form, as ZIP headers keep it. */
function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
    date: ((Math.max(1980, date.getFullYear()) - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/** The fields a local header and the central directory's entry share, from `at`: version needed, flags, method, time, date, CRC, sizes, name length. */
function writeShared(header: Buffer, at: number, fields: { time: number; date: number; crc: number; packedSize: number; size: number; nameLength: number }): void {
  header.writeUInt16LE(20, at); // version needed: deflate
  header.writeUInt16LE(0x0800, at + 2); // names in UTF-8
  header.writeUInt16LE(8, at + 4); // deflated
  header.writeUInt16LE(fields.time, at + 6);
  header.writeUInt16LE(fields.date, at + 8);
  header.writeUInt32LE(fields.crc, at + 10);
  header.writeUInt32LE(fields.packedSize, at + 14);
  header.writeUInt32LE(fields.size, at + 18);
  header.writeUInt16LE(fields.nameLength, at + 22);
}

export function zip(entries: readonly ZipEntry[], modified = new Date()): Buffer {
  const { time, date } = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const { packed: data, crc, size } = packed(entry);
    const packedSize = data.reduce((n, b) => n + b.length, 0);
    const fields = { time, date, crc, packedSize, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeShared(local, 4, fields);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by
    writeShared(header, 6, fields);
    header.writeUInt32LE(offset, 42);
    chunks.push(local, name, ...data);
    central.push(header, name);
    offset += local.length + name.length + packedSize;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}
