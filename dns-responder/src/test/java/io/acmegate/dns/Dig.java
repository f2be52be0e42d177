package io.acmegate.dns;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real {@code dig} (bind9-dnsutils) against a port on 127.0.0.1 and parses what it prints. */
final class Dig {

    private static final Path DIG = Path.of("/usr/bin/dig");
    private static final Pattern HEADER = Pattern.compile(";; ->>HEADER<<- opcode: (\\S+), status: (\\S+), id: (\\d+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags:([^;]*);");
    private static final Pattern EDNS = Pattern.compile("; EDNS: version: (\\d+), flags:[^;]*; udp: (\\d+)");

    private Dig() {
    }

    /** The parsed reply: the last one dig printed (after a TCP retry, the TCP one). */
    record Reply(String opcode, String status, Set<String> flags, List<String> question, List<String> answer,
                 List<String> authority, List<String> additional, Integer ednsUdp, String raw) {

        /** TXT data of the answer, quotes removed, strings of one record joined. */
        List<String> txtValues() {
            var values = new ArrayList<String>();
            for (String line : answer) {
                String[] parts = line.split("\\s+", 5);
                if (parts.length == 5 && parts[3].equals("TXT")) {
                    values.add(parts[4].replace("\" \"", "").replace("\"", ""));
                }
            }
            return values;
        }

        boolean usedTcp() {
            return raw.contains("(TCP)");
        }
    }

    static Reply query(int port, String... arguments) {
        if (!Files.isExecutable(DIG)) {
            fail(DIG + " is missing: run scripts/install-test-deps.sh (Debian package bind9-dnsutils)");
        }
        var command = new ArrayList<>(List.of(DIG.toString(), "+norec", "+time=2", "+tries=1", "-p",
                Integer.toString(port), "@127.0.0.1"));
        command.addAll(List.of(arguments));
        String out;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("dig did not finish: " + command);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return parse(out, command);
    }

    private static Reply parse(String out, List<String> command) {
        int last = out.lastIndexOf(";; ->>HEADER<<-");
        if (last < 0) {
            fail("dig printed no reply for " + command + ":\n" + out);
        }
        String reply = out.substring(last);
        Matcher header = HEADER.matcher(reply);
        Matcher flags = FLAGS.matcher(reply);
        if (!header.find() || !flags.find()) {
            fail("cannot parse dig output:\n" + out);
        }
        Matcher edns = EDNS.matcher(reply);
        return new Reply(header.group(1), header.group(2), Set.of(flags.group(1).trim().split("\\s+")),
                section(reply, "QUESTION"), section(reply, "ANSWER"), section(reply, "AUTHORITY"),
                section(reply, "ADDITIONAL"), edns.find() ? Integer.valueOf(edns.group(2)) : null, out);
    }

    private static List<String> section(String reply, String name) {
        var lines = new ArrayList<String>();
        boolean in = false;
        for (String line : reply.split("\n")) {
            if (line.startsWith(";; " + name + " SECTION:")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                lines.add(line.startsWith(";") ? line.substring(1) : line);
            }
        }
        return lines;
    }
}
