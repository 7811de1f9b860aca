using System.Text.Json;
using Personalization.TestSupport;

namespace Personalization.Cli.Tests.Commands;

public sealed class RecognizeCommandTests
{
    [SharedFact]
    public async Task Recognize_EnrolledAndUnenrolledSubjects_NamesEnrolledAndAnswersNoneOtherwise()
    {
        using var cli = new CliRun();
        foreach (var (subject, category) in new[] { ("dog", "dog"), ("teapot", "teapot"), ("backpack", "backpack"), ("can", "can") })
        {
            var (exit, _, error) = await cli.RunAsync("enroll", "--owner", "alice", "--name", subject, "--category", category, CliRun.DreamBooth(subject, "00.jpg"));
            Assert.True(exit == 0, error);
        }

        var (code, output, err) = await cli.RunAsync(
            "recognize", "--owner", "alice", "--out", cli.OutDirectory,
            CliRun.DreamBooth("dog", "01.jpg"), CliRun.DreamBooth("teapot", "01.jpg"), CliRun.DreamBooth("backpack", "02.jpg"), CliRun.DreamBooth("can", "01.jpg"),
            CliRun.DreamBooth("clock", "01.jpg"), CliRun.DreamBooth("robot_toy", "01.jpg"));

        Assert.True(code == 0, err);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("dog/01.jpg", StringComparison.Ordinal) && l.Contains("\t<dog>\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("teapot/01.jpg", StringComparison.Ordinal) && l.Contains("\t<teapot>\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("backpack/02.jpg", StringComparison.Ordinal) && l.Contains("\t<backpack>\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("can/01.jpg", StringComparison.Ordinal) && l.Contains("\t<can>\t", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("clock/01.jpg", StringComparison.Ordinal) && l.Contains("\tnone\t", StringComparison.Ordinal) && l.EndsWith("rejected", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("robot_toy/01.jpg", StringComparison.Ordinal) && l.Contains("\tnone\t", StringComparison.Ordinal));

        var results = Directory.GetFiles(Path.Combine(cli.OutDirectory, "results"), "*.json");
        Assert.Equal(6, results.Length);
        var dog = JsonDocument.Parse(await File.ReadAllTextAsync(results.Single(f => Path.GetFileName(f).StartsWith("01-", StringComparison.Ordinal) && File.ReadAllText(f).Contains("dog/01.jpg", StringComparison.Ordinal)))).RootElement;
        Assert.Equal("dog", dog.GetProperty("concept").GetString());
        Assert.Contains("<dog>", dog.GetProperty("caption").GetString(), StringComparison.Ordinal);
        Assert.True(dog.GetProperty("caption").GetString()!.Length >= 100);
        Assert.True(dog.GetProperty("trace").GetProperty("candidates").GetArrayLength() >= 1);
        Assert.True(dog.GetProperty("box").GetProperty("width").GetSingle() > 0);
    }

    [SharedFact]
    public async Task Recognize_BadInputs_EachFailsOnItsOwnLineAndTheRestGoOn()
    {
        using var cli = new CliRun();
        var bad = Directory.CreateTempSubdirectory("personalize-bad-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(bad, "empty.jpg"), []);
            await File.WriteAllTextAsync(Path.Combine(bad, "notes.txt"), "not an image");
            await File.WriteAllBytesAsync(Path.Combine(bad, "random.jpg"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
            await File.WriteAllBytesAsync(Path.Combine(bad, "bomb.png"), PngHeader(100_000, 100_000));
            var (enrolExit, _, enrolError) = await cli.RunAsync("enroll", "--owner", "bob", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"));
            Assert.True(enrolExit == 0, enrolError);

            var (exit, output, error) = await cli.RunAsync(
                "recognize", "--owner", "bob", "--out", cli.OutDirectory,
                Path.Combine(bad, "empty.jpg"), Path.Combine(bad, "notes.txt"), Path.Combine(bad, "random.jpg"), Path.Combine(bad, "bomb.png"),
                Path.Combine(bad, "missing.jpg"), CliRun.DreamBooth("teapot", "01.jpg"));

            Assert.Equal(1, exit);
            var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(errors, l => l.Contains("empty.jpg", StringComparison.Ordinal) && l.Contains("empty file", StringComparison.Ordinal));
            Assert.Contains(errors, l => l.Contains("notes.txt", StringComparison.Ordinal) && l.Contains("not a supported image format", StringComparison.Ordinal));
            Assert.Contains(errors, l => l.Contains("random.jpg", StringComparison.Ordinal));
            Assert.Contains(errors, l => l.Contains("bomb.png", StringComparison.Ordinal) && l.Contains("over the limit", StringComparison.Ordinal));
            Assert.Contains(errors, l => l.Contains("missing.jpg", StringComparison.Ordinal) && l.Contains("cannot read", StringComparison.Ordinal));
            Assert.Equal(5, errors.Count(l => l.StartsWith("error: ", StringComparison.Ordinal)));
            Assert.Contains(output.Split('\n'), l => l.Contains("teapot/01.jpg", StringComparison.Ordinal) && l.Contains("<teapot>", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(bad, recursive: true);
        }
    }

    [SharedFact]
    public async Task Recognize_UnknownOwner_FailsWithOneLineAndExitCode2()
    {
        using var cli = new CliRun();
        var (exit, output, error) = await cli.RunAsync("recognize", "--owner", "nobody", CliRun.DreamBooth("dog", "01.jpg"));
        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.Equal("error: owner 'nobody' has no enrolled concepts; enrol some with 'personalize enroll' first", error.Trim());
    }

    [SharedFact]
    public async Task Recognize_OtherOwnersConcepts_AreNeverSeen()
    {
        using var cli = new CliRun();
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "alice", "--name", "teapot", "--category", "teapot", CliRun.DreamBooth("teapot", "00.jpg"))).Exit);
        Assert.Equal(0, (await cli.RunAsync("enroll", "--owner", "bob", "--name", "can", "--category", "can", CliRun.DreamBooth("can", "00.jpg"))).Exit);

        var (exit, output, _) = await cli.RunAsync("recognize", "--owner", "bob", "--out", cli.OutDirectory, CliRun.DreamBooth("teapot", "01.jpg"), CliRun.DreamBooth("teapot", "00.jpg"));

        Assert.Equal(0, exit);
        Assert.DoesNotContain("teapot>", output, StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(cli.OutDirectory, "results"), "*.json"))
        {
            Assert.DoesNotContain("\"teapot\"", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        }
    }

    /// <summary>A PNG signature and an IHDR chunk (with a valid CRC) declaring a huge image: a decompression bomb's header.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        using var stream = new MemoryStream();
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    /// <summary>The CRC-32 (IEEE) that PNG chunks carry.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, Crc32(typeAndData));
        stream.Write(length);
    }
}
