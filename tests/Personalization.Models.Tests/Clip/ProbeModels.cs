using System.Text;

namespace Personalization.Models.Tests.Clip;

/// <summary>
/// Writes tiny ONNX models, built here byte by byte, whose outputs reveal what an encoder fed them: they check the
/// paths the tiny-clip fixtures do not have (an <c>attention_mask</c> input, fixed batch and sequence sizes, an
/// undeclared embedding width). Each file is deleted on <see cref="Dispose"/>; not thread-safe.
/// </summary>
internal sealed class ProbeModels : IDisposable
{
    private const int FloatType = 1;
    private const int Int64Type = 7;
    private readonly List<string> _files = [];

    /// <summary>
    /// <c>input_ids</c> and <c>attention_mask</c> int64 [batch, <paramref name="fixedLength"/> or dynamic] →
    /// <c>text_embeds</c> [batch, 2] = (Σ ids·mask, Σ mask), so that the normalised ratio is the mean unmasked id.
    /// </summary>
    public string TextModel(int? fixedLength, bool declareWidth) => Write(Model(graph =>
    {
        graph.Node("Cast", ["input_ids"], ["ids_f"], ("to", FloatType));
        graph.Node("Cast", ["attention_mask"], ["mask_f"], ("to", FloatType));
        graph.Node("Mul", ["ids_f", "mask_f"], ["masked"]);
        graph.Node("ReduceSum", ["masked"], ["id_sum"], ("axes", new long[] { 1 }), ("keepdims", 1));
        graph.Node("ReduceSum", ["mask_f"], ["mask_sum"], ("axes", new long[] { 1 }), ("keepdims", 1));
        graph.Node("Concat", ["id_sum", "mask_sum"], ["text_embeds"], ("axis", 1));
        object sequence = fixedLength is int n ? n : "sequence";
        graph.Input("input_ids", Int64Type, "batch", sequence);
        graph.Input("attention_mask", Int64Type, "batch", sequence);
        graph.Output("text_embeds", FloatType, "batch", declareWidth ? (object)2 : "width");
    }));

    /// <summary>
    /// <c>pixels</c> float [<paramref name="fixedBatch"/>, 3, 224, 224] → <c>image_embeds</c> [batch, 3]: each
    /// channel's mean, with the width left undeclared.
    /// </summary>
    public string VisionModel(int fixedBatch) => Write(Model(graph =>
    {
        graph.Node("ReduceMean", ["pixels"], ["image_embeds"], ("axes", new long[] { 2, 3 }), ("keepdims", 0));
        graph.Input("pixels", FloatType, fixedBatch, 3, 224, 224);
        graph.Output("image_embeds", FloatType, fixedBatch, "width");
    }));

    public void Dispose()
    {
        foreach (var file in _files)
        {
            File.Delete(file);
        }
    }

    private static byte[] Model(Action<Graph> build)
    {
        var graph = new Graph();
        build(graph);
        var model = new Proto();
        model.Varint(1, 7); // ir_version
        model.Message(8, op => op.String(1, string.Empty).Varint(2, 11)); // opset_import: ai.onnx 11
        model.Message(7, g => graph.WriteTo(g.String(2, "probe")));
        return model.ToArray();
    }

    private string Write(byte[] model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clip-probe-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        _files.Add(path);
        return path;
    }

    /// <summary>A GraphProto being built: nodes, inputs, outputs.</summary>
    private sealed class Graph
    {
        private readonly List<Action<Proto>> _parts = [];

        public void Node(string op, string[] inputs, string[] outputs, params (string Name, object Value)[] attributes) =>
            _parts.Add(g => g.Message(1, node =>
            {
                foreach (var i in inputs)
                {
                    node.String(1, i);
                }

                foreach (var o in outputs)
                {
                    node.String(2, o);
                }

                node.String(4, op);
                foreach (var (name, value) in attributes)
                {
                    node.Message(5, a =>
                    {
                        a.String(1, name);
                        if (value is long[] ints)
                        {
                            a.Varint(20, 7); // INTS
                            foreach (var v in ints)
                            {
                                a.Varint(8, v);
                            }
                        }
                        else
                        {
                            a.Varint(20, 2).Varint(3, (int)value); // INT
                        }
                    });
                }
            }));

        public void Input(string name, int elementType, params object[] dims) => _parts.Add(g => g.Message(11, v => ValueInfo(v, name, elementType, dims)));

        public void Output(string name, int elementType, params object[] dims) => _parts.Add(g => g.Message(12, v => ValueInfo(v, name, elementType, dims)));

        public void WriteTo(Proto graph)
        {
            foreach (var part in _parts)
            {
                part(graph);
            }
        }

        private static void ValueInfo(Proto value, string name, int elementType, object[] dims) =>
            value.String(1, name).Message(2, type => type.Message(1, tensor =>
            {
                tensor.Varint(1, elementType);
                tensor.Message(2, shape =>
                {
                    foreach (var d in dims)
                    {
                        shape.Message(1, dim => _ = d is int size ? dim.Varint(1, size) : dim.String(2, (string)d));
                    }
                });
            }));
    }

    /// <summary>Just enough of the protobuf wire format: varints and length-delimited fields.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream _bytes = new();

        public Proto Varint(int field, long value)
        {
            Raw(((ulong)field << 3) | 0);
            Raw((ulong)value);
            return this;
        }

        public Proto String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Proto Message(int field, Action<Proto> build)
        {
            var inner = new Proto();
            build(inner);
            return Bytes(field, inner.ToArray());
        }

        public byte[] ToArray() => _bytes.ToArray();

        private Proto Bytes(int field, byte[] value)
        {
            Raw(((ulong)field << 3) | 2);
            Raw((ulong)value.Length);
            _bytes.Write(value);
            return this;
        }

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.WriteByte((byte)value);
        }
    }
}
