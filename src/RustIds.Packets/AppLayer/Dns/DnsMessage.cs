using System.Buffers.Binary;

namespace RustIds.Packets.AppLayer.Dns;

/// <summary>A parsed DNS message (RFC 1035 §4.1): header, questions and records, reused from parse to parse.</summary>
/// <remarks>
/// <para>
/// <see cref="DnsMessageParser.Parse"/> copies the message into this object and decodes every name into
/// one preallocated name buffer, so no string or array is made per message. The spans handed out by
/// <see cref="GetQuestion"/>, <see cref="GetRecord"/> and <see cref="Bytes"/> stay valid until the next
/// parse into the same instance.
/// </para>
/// <para>After a problem (<see cref="Status"/> not Ok) the sections hold what was decoded before it.</para>
/// <para>Not thread-safe: one instance per capture worker thread (shared by that worker's flows).</para>
/// </remarks>
public sealed class DnsMessage
{
    /// <summary>Most message bytes kept: the DNS-over-TCP length prefix cannot say more.</summary>
    public const int MaxMessageBytes = 65535;

    private const int FlagResponse = 0x8000;
    private const int FlagAuthoritative = 0x0400;
    private const int FlagTruncated = 0x0200;
    private const int FlagRecursionDesired = 0x0100;
    private const int FlagRecursionAvailable = 0x0080;
    private const int FlagAuthenticData = 0x0020;
    private const int FlagCheckingDisabled = 0x0010;

    private readonly byte[] _wire = new byte[MaxMessageBytes];
    private readonly byte[] _names;
    private readonly int _scratchStart;
    private readonly DnsQuestionEntry[] _questions;
    private readonly DnsRecordEntry[][] _records;
    private readonly int[] _recordCounts = new int[3];
    private readonly int[] _declaredRecordCounts = new int[3];
    private int _wireLength;
    private int _namesUsed;

    /// <summary>Creates a message with the default limits.</summary>
    public DnsMessage()
        : this(DnsParserOptions.Default)
    {
    }

    /// <summary>Creates a message whose buffers are sized from <paramref name="options"/>.</summary>
    /// <param name="options">Limits; validated by the caller at start-up.</param>
    public DnsMessage(DnsParserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _questions = new DnsQuestionEntry[options.MaxQuestions];
        _records = new DnsRecordEntry[3][];
        for (var i = 0; i < _records.Length; i++)
            _records[i] = new DnsRecordEntry[options.MaxRecordsPerSection];
        // Each kept question has one name, each kept record at most three (owner, SOA MNAME and RNAME);
        // one more slot is scratch for the names of questions and records that are walked but not kept.
        var keptNames = options.MaxQuestions + (3 * options.MaxRecordsPerSection * 3);
        _scratchStart = keptNames * options.MaxNameLength;
        _names = new byte[_scratchStart + options.MaxNameLength];
        Status = DnsParseStatus.TruncatedHeader;
    }

    /// <summary>The limits this message was sized with.</summary>
    public DnsParserOptions Options { get; }

    /// <summary>Result of the last parse: Ok or the first problem found.</summary>
    public DnsParseStatus Status { get; internal set; }

    /// <summary>True when the last parse decoded the header (every status except <see cref="DnsParseStatus.TruncatedHeader"/>).</summary>
    public bool HasHeader => Status != DnsParseStatus.TruncatedHeader;

    /// <summary>The message bytes as parsed (at most <see cref="MaxMessageBytes"/>).</summary>
    public ReadOnlySpan<byte> Bytes => _wire.AsSpan(0, _wireLength);

    /// <summary>Transaction ID.</summary>
    public ushort Id => HasHeader ? BinaryPrimitives.ReadUInt16BigEndian(_wire) : (ushort)0;

    /// <summary>The 16-bit flags word (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE), as Suricata's EVE <c>flags</c> prints it.</summary>
    public ushort Flags => HasHeader ? BinaryPrimitives.ReadUInt16BigEndian(_wire.AsSpan(2)) : (ushort)0;

    /// <summary>QR: the message is a response.</summary>
    public bool IsResponse => (Flags & FlagResponse) != 0;

    /// <summary>OPCODE (0 query, 1 inverse query, 2 status, 4 notify, 5 update, 6 DSO): Suricata's <c>dns.opcode</c>.</summary>
    public byte Opcode => (byte)((Flags >> 11) & 0xF);

    /// <summary>The 4-bit header RCODE (0 NOERROR, 3 NXDOMAIN, ...); EDNS extended bits are not merged in.</summary>
    public byte ResponseCode => (byte)(Flags & 0xF);

    /// <summary>AA: authoritative answer.</summary>
    public bool IsAuthoritative => (Flags & FlagAuthoritative) != 0;

    /// <summary>TC: the message was truncated by the sender.</summary>
    public bool IsTruncated => (Flags & FlagTruncated) != 0;

    /// <summary>RD: recursion desired.</summary>
    public bool RecursionDesired => (Flags & FlagRecursionDesired) != 0;

    /// <summary>RA: recursion available.</summary>
    public bool RecursionAvailable => (Flags & FlagRecursionAvailable) != 0;

    /// <summary>AD: authentic data (RFC 4035 §3.2.3).</summary>
    public bool AuthenticData => (Flags & FlagAuthenticData) != 0;

    /// <summary>CD: checking disabled (RFC 4035 §3.2.2).</summary>
    public bool CheckingDisabled => (Flags & FlagCheckingDisabled) != 0;

    /// <summary>QDCOUNT as the header says.</summary>
    public int DeclaredQuestionCount { get; private set; }

    /// <summary>ANCOUNT as the header says.</summary>
    public int DeclaredAnswerCount => _declaredRecordCounts[(int)DnsSection.Answer];

    /// <summary>NSCOUNT as the header says.</summary>
    public int DeclaredAuthorityCount => _declaredRecordCounts[(int)DnsSection.Authority];

    /// <summary>ARCOUNT as the header says.</summary>
    public int DeclaredAdditionalCount => _declaredRecordCounts[(int)DnsSection.Additional];

    /// <summary>Questions decoded and kept.</summary>
    public int QuestionCount { get; private set; }

    /// <summary>Answer records decoded and kept.</summary>
    public int AnswerCount => _recordCounts[(int)DnsSection.Answer];

    /// <summary>Authority records decoded and kept.</summary>
    public int AuthorityCount => _recordCounts[(int)DnsSection.Authority];

    /// <summary>Additional records decoded and kept.</summary>
    public int AdditionalCount => _recordCounts[(int)DnsSection.Additional];

    /// <summary>Records decoded and kept in <paramref name="section"/>.</summary>
    public int GetRecordCount(DnsSection section) => _recordCounts[(int)section];

    /// <summary>The question at <paramref name="index"/> (0 to <see cref="QuestionCount"/> − 1).</summary>
    public DnsQuestion GetQuestion(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, QuestionCount);
        ref readonly var entry = ref _questions[index];
        return new DnsQuestion(_names.AsSpan(entry.NameStart, entry.NameLength), entry.Type, entry.Class);
    }

    /// <summary>The answer record at <paramref name="index"/>.</summary>
    public DnsRecord GetAnswer(int index) => GetRecord(DnsSection.Answer, index);

    /// <summary>The authority record at <paramref name="index"/>.</summary>
    public DnsRecord GetAuthority(int index) => GetRecord(DnsSection.Authority, index);

    /// <summary>The additional record at <paramref name="index"/>.</summary>
    public DnsRecord GetAdditional(int index) => GetRecord(DnsSection.Additional, index);

    /// <summary>The record at <paramref name="index"/> of <paramref name="section"/>.</summary>
    public DnsRecord GetRecord(DnsSection section, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _recordCounts[(int)section]);
        ref readonly var entry = ref _records[(int)section][index];
        return new DnsRecord(
            entry,
            _names.AsSpan(entry.NameStart, entry.NameLength),
            _wire.AsSpan(entry.DataStart, entry.DataLength),
            _names.AsSpan(entry.TargetStart, entry.TargetLength),
            _names.AsSpan(entry.Target2Start, entry.Target2Length));
    }

    internal ReadOnlySpan<byte> Load(ReadOnlySpan<byte> message)
    {
        _wireLength = Math.Min(message.Length, MaxMessageBytes);
        message[.._wireLength].CopyTo(_wire);
        _namesUsed = 0;
        QuestionCount = 0;
        DeclaredQuestionCount = 0;
        Array.Clear(_recordCounts);
        Array.Clear(_declaredRecordCounts);
        return _wire.AsSpan(0, _wireLength);
    }

    internal void SetDeclaredCounts(int questions, int answers, int authorities, int additionals)
    {
        DeclaredQuestionCount = questions;
        _declaredRecordCounts[0] = answers;
        _declaredRecordCounts[1] = authorities;
        _declaredRecordCounts[2] = additionals;
    }

    internal bool CanKeepQuestion => QuestionCount < _questions.Length;

    internal bool CanKeepRecord(DnsSection section) => _recordCounts[(int)section] < _records[(int)section].Length;

    /// <summary>Where the next name goes: the free part of the name buffer when kept, else the scratch slot.</summary>
    internal Span<byte> NameSlot(bool keep, out int start)
    {
        start = keep ? _namesUsed : _scratchStart;
        return _names.AsSpan(start, Options.MaxNameLength);
    }

    internal void CommitName(bool keep, int length)
    {
        if (keep)
            _namesUsed += length;
    }

    internal void AddQuestion(in DnsQuestionEntry entry) => _questions[QuestionCount++] = entry;

    internal void AddRecord(DnsSection section, in DnsRecordEntry entry) =>
        _records[(int)section][_recordCounts[(int)section]++] = entry;
}
