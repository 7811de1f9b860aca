using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace Personalization.Models.Tests.Imaging;

/// <summary>Image files made in the test: PNGs written chunk by chunk, JPEGs from Skia with an EXIF orientation spliced in.</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(230, 20, 20);
    public static readonly SKColor Green = new(20, 200, 40);
    public static readonly SKColor Blue = new(20, 40, 230);
    public static readonly SKColor Yellow = new(240, 230, 30);

    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>
    /// An RGB PNG whose IHDR declares <paramref name="width"/>×<paramref name="height"/> and whose IDAT holds
    /// <paramref name="rows"/> (each row: filter byte then RGB triples), zlib-compressed. The rows need not match the header.
    /// </summary>
    public static byte[] Png(int width, int height, byte[] rows)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        header[10] = 0; // compression: deflate
        header[11] = 0; // filter method
        header[12] = 0; // no interlace
        WriteChunk(file, "IHDR", header);

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(rows);
            }

            WriteChunk(file, "IDAT", compressed.ToArray());
        }

        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>A well-formed RGB PNG of the given pixels (row-major RGB triples).</summary>
    public static byte[] Png(int width, int height, Func<int, int, SKColor> pixel)
    {
        var rows = new byte[height * (1 + (3 * width))];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            rows[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var c = pixel(x, y);
                rows[i++] = c.Red;
                rows[i++] = c.Green;
                rows[i++] = c.Blue;
            }
        }

        return Png(width, height, rows);
    }

    /// <summary>A JPEG (quality 95) of four quadrants: red top-left, green top-right, blue bottom-left, yellow bottom-right.</summary>
    public static byte[] QuadrantJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, (x < width / 2, y < height / 2) switch
                {
                    (true, true) => Red,
                    (false, true) => Green,
                    (true, false) => Blue,
                    _ => Yellow,
                });
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    /// <summary>Inserts an APP1 EXIF segment with just the orientation tag (0x0112) right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        if (jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("not a JPEG", nameof(jpeg));
        }

        using var exif = new MemoryStream();
        exif.Write("Exif\0\0"u8);
        exif.Write([(byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]); // big-endian TIFF header, IFD0 at 8
        exif.Write([0x00, 0x01]); // one entry
        exif.Write([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]); // Orientation, SHORT, count 1
        exif.Write([(byte)(orientation >> 8), (byte)orientation, 0x00, 0x00]);
        exif.Write([0x00, 0x00, 0x00, 0x00]); // no next IFD
        var payload = exif.ToArray();

        using var result = new MemoryStream();
        result.Write(jpeg.AsSpan(0, 2));
        result.Write([0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        result.Write(payload);
        result.Write(jpeg.AsSpan(2));
        return result.ToArray();
    }

    /// <summary>The standard CRC-32 (ISO-HDLC) that PNG chunks carry.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static void WriteChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        file.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        file.Write(number);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
