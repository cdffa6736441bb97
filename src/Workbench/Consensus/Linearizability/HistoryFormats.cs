using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Workbench.Consensus.Linearizability;

/// <summary>The history file formats <see cref="HistoryFormats"/> reads.</summary>
public enum HistoryFormat
{
    /// <summary>Jepsen's log lines, as in the etcd register histories:
    /// <c>INFO  jepsen.util - 3	:invoke	:write	4</c> (value nil, an integer, <c>[old new]</c> for cas, or
    /// a keyword such as <c>:timed-out</c> on a completion).</summary>
    JepsenLog,
    /// <summary>One Clojure map per line: <c>{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}</c>.</summary>
    EdnMaps,
    /// <summary>One JSON object per line: <c>{"client":1,"type":"invoke","f":"put","key":"k","value":"v","time":123}</c>.</summary>
    JsonLines,
}

/// <summary>
/// Readers for the three history formats and a writer for JSON lines. Readers detect the format from
/// the first non-blank line, skip blank lines, and report malformed input as a
/// <see cref="FormatException"/> whose message starts with <c>file:line:</c>. Formats without times
/// (Jepsen logs, EDN maps) use the 1-based line number as the time, which preserves real-time order.
/// </summary>
public static partial class HistoryFormats
{
    [GeneratedRegex(@"^\s*INFO\s+jepsen\.util\s+-\s+(\d+)\s+:(\w+)\s+:(\w+)\s*(.*?)\s*$")]
    private static partial Regex JepsenLine();

    [GeneratedRegex(@":(\w+)\s+(nil|""(?:[^""\\]|\\.)*""|:[\w-]+|-?\d+|\[[^\]]*\])")]
    private static partial Regex EdnField();

    /// <summary>Reads the history in <paramref name="path"/> (any of the three formats).</summary>
    public static History ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads a history from <paramref name="reader"/>; <paramref name="source"/> names it in errors.</summary>
    public static History Read(TextReader reader, string source = "history")
    {
        ArgumentNullException.ThrowIfNull(reader);
        var history = new History { Source = source };
        HistoryFormat? format = null;
        int lineNo = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            format ??= Detect(line) ?? throw new FormatException($"{source}:{lineNo}: unrecognised history format (expected a Jepsen log line, an EDN map or a JSON object)");
            var e = format switch
            {
                HistoryFormat.JepsenLog => ParseJepsen(line, source, lineNo),
                HistoryFormat.EdnMaps => ParseEdn(line, source, lineNo),
                _ => ParseJson(line, source, lineNo),
            };
            history.Add(e, lineNo);
        }
        return history;
    }

    /// <summary>Parses a history from a string.</summary>
    public static History Parse(string text, string source = "history") => Read(new StringReader(text), source);

    /// <summary>The format of a history line, or null.</summary>
    public static HistoryFormat? Detect(string line)
    {
        var t = line.TrimStart();
        if (t.StartsWith("{\"", StringComparison.Ordinal)) return HistoryFormat.JsonLines;
        if (t.StartsWith("{:", StringComparison.Ordinal)) return HistoryFormat.EdnMaps;
        if (t.Contains("jepsen.util", StringComparison.Ordinal)) return HistoryFormat.JepsenLog;
        return null;
    }

    /// <summary>Writes <paramref name="history"/> as JSON lines, one event per line.</summary>
    public static void WriteJsonLines(History history, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(writer);
        var buffer = new MemoryStream();
        foreach (var e in history.Events)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteNumber("client", e.Client);
                json.WriteString("type", HistoryEvent.Name(e.Type));
                json.WriteString("f", HistoryEvent.Name(e.Function));
                if (e.Key is not null) json.WriteString("key", e.Key);
                if (e.Value is null) json.WriteNull("value"); else json.WriteString("value", e.Value);
                json.WriteNumber("time", e.Time);
                json.WriteEndObject();
            }
            writer.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }
    }

    /// <summary>The JSON lines text of <paramref name="history"/>.</summary>
    public static string ToJsonLines(History history)
    {
        var w = new StringWriter { NewLine = "\n" };
        WriteJsonLines(history, w);
        return w.ToString();
    }

    private static HistoryEvent ParseJepsen(string line, string source, int lineNo)
    {
        var m = JepsenLine().Match(line);
        if (!m.Success) throw new FormatException($"{source}:{lineNo}: not a Jepsen log line: '{Clip(line)}'");
        int client = ParseClient(m.Groups[1].Value, source, lineNo);
        var type = Type(m.Groups[2].Value, source, lineNo);
        var f = Function(m.Groups[3].Value, source, lineNo);
        return new HistoryEvent(client, type, f, null, JepsenValue(m.Groups[4].Value, f, source, lineNo), lineNo);
    }

    private static string? JepsenValue(string raw, OpFunction f, string source, int lineNo)
    {
        if (raw.Length == 0 || raw == "nil" || raw.StartsWith(':')) return null; // nil, or a keyword such as :timed-out
        if (raw.StartsWith('['))
        {
            var inner = raw.Trim('[', ']').Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            if (f != OpFunction.Cas || inner.Length != 2) throw new FormatException($"{source}:{lineNo}: expected [old new] only for cas, got '{raw}'");
            return $"{inner[0]} {inner[1]}";
        }
        if (!long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"{source}:{lineNo}: value '{Clip(raw)}' is not nil, an integer or [old new]");
        return raw;
    }

    private static HistoryEvent ParseEdn(string line, string source, int lineNo)
    {
        var t = line.Trim();
        if (!t.StartsWith('{') || !t.EndsWith('}')) throw new FormatException($"{source}:{lineNo}: expected one {{...}} map per line, got '{Clip(line)}'");
        string? process = null, type = null, f = null, key = null, value = null;
        bool haveKey = false;
        foreach (Match m in EdnField().Matches(t))
        {
            string v = m.Groups[2].Value;
            switch (m.Groups[1].Value)
            {
                case "process": process = v; break;
                case "type": type = v; break;
                case "f": f = v; break;
                case "key": key = EdnAtom(v); haveKey = true; break;
                case "value": value = EdnAtom(v); break;
            }
        }
        if (process is null) throw new FormatException($"{source}:{lineNo}: missing :process");
        if (type is null || !type.StartsWith(':')) throw new FormatException($"{source}:{lineNo}: missing or malformed :type");
        if (f is null || !f.StartsWith(':')) throw new FormatException($"{source}:{lineNo}: missing or malformed :f");
        var fn = Function(f[1..], source, lineNo);
        var ty = Type(type[1..], source, lineNo);
        if (!haveKey && fn is OpFunction.Get or OpFunction.Put or OpFunction.Append) throw new FormatException($"{source}:{lineNo}: missing :key for {HistoryEvent.Name(fn)}");
        if (fn == OpFunction.Cas && value is not null) value = value.Trim('[', ']').Replace(',', ' ');
        return new HistoryEvent(ParseClient(process, source, lineNo), ty, fn, key, value, lineNo);
    }

    private static string? EdnAtom(string v)
    {
        if (v == "nil" || v.StartsWith(':')) return null;
        if (v.StartsWith('"')) return Regex.Unescape(v[1..^1]);
        return v;
    }

    private static HistoryEvent ParseJson(string line, string source, int lineNo)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(line); }
        catch (JsonException e) { throw new FormatException($"{source}:{lineNo}: invalid JSON: {e.Message}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{source}:{lineNo}: expected a JSON object");
            if (!root.TryGetProperty("client", out var c) || !c.TryGetInt32(out int client) || client < 0)
                throw new FormatException($"{source}:{lineNo}: \"client\" must be a non-negative integer");
            var type = Type(StringField(root, "type", source, lineNo), source, lineNo);
            var f = Function(StringField(root, "f", source, lineNo), source, lineNo);
            string? key = OptionalString(root, "key", source, lineNo);
            if (key is null && f is OpFunction.Get or OpFunction.Put or OpFunction.Append) throw new FormatException($"{source}:{lineNo}: \"key\" is required for {HistoryEvent.Name(f)}");
            string? value = OptionalString(root, "value", source, lineNo);
            long time = lineNo;
            if (root.TryGetProperty("time", out var tm) && !tm.TryGetInt64(out time))
                throw new FormatException($"{source}:{lineNo}: \"time\" must be an integer (virtual microseconds)");
            return new HistoryEvent(client, type, f, key, value, time);
        }
    }

    private static string StringField(JsonElement root, string name, string source, int lineNo) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"{source}:{lineNo}: \"{name}\" must be a string");

    private static string? OptionalString(JsonElement root, string name, string source, int lineNo)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new FormatException($"{source}:{lineNo}: \"{name}\" must be a string, a number or null"),
        };
    }

    private static int ParseClient(string s, string source, int lineNo) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int c)
            ? c
            : throw new FormatException($"{source}:{lineNo}: process '{Clip(s)}' is not a non-negative integer");

    private static EventType Type(string s, string source, int lineNo) =>
        HistoryEvent.ParseType(s) ?? throw new FormatException($"{source}:{lineNo}: unknown event type '{Clip(s)}' (expected invoke, ok, fail or info)");

    private static OpFunction Function(string s, string source, int lineNo) =>
        HistoryEvent.ParseFunction(s) ?? throw new FormatException($"{source}:{lineNo}: unknown function '{Clip(s)}' (expected read, write, cas, get, put or append)");

    private static string Clip(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
