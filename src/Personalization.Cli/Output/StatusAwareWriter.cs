using System.Text;

namespace Personalization.Cli.Output;

/// <summary>A terminal writer whose text goes above the <see cref="StatusLine"/> (see there).</summary>
internal sealed class StatusAwareWriter(TextWriter inner, StatusLine status) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => status.Write(inner, value.ToString());

    public override void Write(string? value) => status.Write(inner, value);

    public override void Write(char[] buffer, int index, int count) => status.Write(inner, new string(buffer, index, count));

    public override void WriteLine(string? value) => status.Write(inner, value + NewLine);

    public override void WriteLine() => status.Write(inner, NewLine);

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();
}
