using System.IO.Pipelines;
using System.Text;
using Citadel.Node.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Citadel.Tests.Unit.Rest;

public sealed class RestBodyTests
{
    [Fact]
    public async Task ParsedBody_KeepsItsValues_AfterThePipeReusesItsMemory()
    {
        // Kestrel hands a body's memory block to another request once it is consumed; under load a document that
        // still pointed into it read another request's bytes ("query[75]: invalid value, expected a finite f32").
        var bytes = Encoding.UTF8.GetBytes("""{"query":[0.25,-1.5,3],"name":"kept"}""");
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/json";
        context.Features.Set<IRequestBodyPipeFeature>(new BodyFeature(new ReusingReader(bytes)));

        var (doc, root) = await new RestBody(1 << 20).ReadNodeAsync(context);
        using (doc)
        {
            Assert.Equal([0.25f, -1.5f, 3f], root.Required("query").FloatArray());
            Assert.Equal("kept", doc.RootElement.GetProperty("name").GetString());
        }
    }

    private sealed class BodyFeature(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }

    /// <summary>Serves the whole body in one read, and overwrites it once consumed, as a memory pool reusing the block would.</summary>
    private sealed class ReusingReader(byte[] body) : PipeReader
    {
        public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(new ReadResult(new System.Buffers.ReadOnlySequence<byte>(body), isCanceled: false, isCompleted: true));

        public override bool TryRead(out ReadResult result)
        {
            result = new ReadResult(new System.Buffers.ReadOnlySequence<byte>(body), isCanceled: false, isCompleted: true);
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => AdvanceTo(consumed, consumed);

        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => body.AsSpan().Fill((byte)'x');

        public override void CancelPendingRead()
        {
        }

        public override void Complete(Exception? exception = null)
        {
        }
    }
}
