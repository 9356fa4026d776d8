// Photos for the end-to-end tests: a JPEG that carries EXIF with a GPS position (what a phone's
// camera writes), and ways to tell whether bytes still carry EXIF.
import sharp from 'sharp';

/** The APP1 marker's identifier that starts an EXIF block inside a JPEG. */
export const EXIF_HEADER = Buffer.from('Exif\0\0', 'binary');

/**
 * A small JPEG with EXIF: camera make and model (IFD0) and a GPS position near Torstrand
 * (IFD3, degrees/minutes/seconds as rationals), as a phone would write it.
 */
export async function jpegWithGpsExif(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#3c8d5a' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'NabolagTestCam', Model: 'E2E' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '59/1 2/1 54/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '10/1 2/1 6/1',
      },
    })
    .toBuffer();
}

/**
 * Whether an EXIF block points to a GPS IFD (tag 0x8825, GPSInfo), in either byte order. Only a
 * sanity check of the test's own input: two bytes can match by chance in other data.
 */
export function exifHasGpsPointer(exif: Buffer): boolean {
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}
