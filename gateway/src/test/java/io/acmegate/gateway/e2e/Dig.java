package io.acmegate.gateway.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DNS query with {@code dig} to a server on 127.0.0.1, parsed into the response code, header flags and
 * answer records. dig, not a Java resolver, so that the bytes on the wire come from independent software.
 */
public final class Dig {

    private static final Pattern STATUS = Pattern.compile(";; ->>HEADER<<- opcode: \\S+, status: ([A-Z]+),");
    private static final Pattern FLAGS = Pattern.compile(";; flags:([a-z ]*);");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** An answer record as dig prints it. */
    public record Record(String owner, long ttl, String type, String data) {
    }

    /**
     * The response: {@code status} is the RCODE mnemonic (NOERROR, NXDOMAIN, SERVFAIL, ...) or "NO RESPONSE"
     * when dig got none.
     */
    public record Answer(String status, Set<String> flags, List<Record> records, String output) {

        /** The TXT values of the answer, each record's strings joined (RFC 1035 §3.3.14), in answer order. */
        public List<String> txt() {
            return records.stream().filter(r -> r.type().equals("TXT")).map(r -> joinStrings(r.data())).toList();
        }

        /** The targets of the answer's CNAME records, lower case, with the trailing dot. */
        public List<String> cnames() {
            return records.stream().filter(r -> r.type().equals("CNAME"))
                    .map(r -> r.data().toLowerCase(Locale.ROOT)).toList();
        }

        /** A failure message quoting dig's output. */
        public String describe(String what) {
            return what + "; dig printed:\n" + output;
        }
    }

    private Dig() {
    }

    /** Queries 127.0.0.1:{@code port} over UDP (over TCP again if the answer is truncated, as resolvers do). */
    public static Answer udp(int port, String name, String type) {
        return query(port, name, type, List.of());
    }

    /** Queries over UDP only, with EDNS's default 1232 bytes, and returns a truncated answer as it came (TC set). */
    public static Answer udpWithoutTcpFallback(int port, String name, String type) {
        return query(port, name, type, List.of("+ignore"));
    }

    /** Queries 127.0.0.1:{@code port} over TCP (RFC 7766). */
    public static Answer tcp(int port, String name, String type) {
        return query(port, name, type, List.of("+tcp"));
    }

    private static Answer query(int port, String name, String type, List<String> options) {
        List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", Integer.toString(port),
                "+noall", "+comments", "+answer", "+tries=1", "+time=2", "+nocookie"));
        command.addAll(options);
        command.addAll(List.of(name, type));
        ToolRun run = Tool.command(command).timeout(Duration.ofSeconds(15)).run();
        return parse(run.output(), String.join(" ", command));
    }

    static Answer parse(String output, String command) {
        Matcher status = STATUS.matcher(output);
        Matcher flags = FLAGS.matcher(output);
        List<Record> records = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.isBlank() || line.startsWith(";")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+", 5);
            if (fields.length == 5 && fields[2].equals("IN")) {
                records.add(new Record(fields[0].toLowerCase(Locale.ROOT), Long.parseLong(fields[1]), fields[3],
                        fields[4]));
            }
        }
        return new Answer(status.find() ? status.group(1) : "NO RESPONSE",
                flags.find() ? Set.copyOf(Arrays.asList(flags.group(1).trim().split("\\s+"))) : Set.of(),
                List.copyOf(records), command + "\n" + output);
    }

    private static String joinStrings(String data) {
        StringBuilder joined = new StringBuilder();
        Matcher quoted = QUOTED.matcher(data);
        while (quoted.find()) {
            joined.append(quoted.group(1));
        }
        return joined.toString();
    }
}
