package io.acmegate.gateway.challenge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.acmegate.gateway.Gateway;
import io.acmegate.gateway.config.GatewayConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** What the board publishes is what the gateway's own DNS and HTTP-01 responders serve, at once. */
class RespondersWiringTest {
    @TempDir
    static Path dir;
    static Gateway gateway;

    @BeforeAll
    static void start() {
        gateway = Gateway.start(GatewayConfig.forTests(dir));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static Message query(String name, int type) throws Exception {
        String[] hostPort = gateway.endpoints().get("dns-responder").split(":");
        SimpleResolver resolver = new SimpleResolver(hostPort[0]);
        resolver.setPort(Integer.parseInt(hostPort[1]));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    }

    @Test
    void txtPublishedOnTheBoardIsServedByTheDnsResponder() throws Exception {
        ChallengeBoard board = gateway.delegations().board();
        String name = "wiring.acme.gateway.test";
        board.publishTxt(name, "value-one", Duration.ofMinutes(5));
        board.publishTxt(name, "value-two", Duration.ofMinutes(5));
        Message reply = query(name, Type.TXT);
        assertEquals(Rcode.NOERROR, reply.getRcode());
        Set<String> values = Arrays.stream(reply.getSectionArray(Section.ANSWER))
                .map(r -> String.join("", ((TXTRecord) r).getStrings())).collect(Collectors.toSet());
        assertEquals(new HashSet<>(Set.of("value-one", "value-two")), values);
        board.withdrawTxt(name, "value-one");
        assertEquals(1, query(name, Type.TXT).getSectionArray(Section.ANSWER).length);
        assertEquals(Rcode.NXDOMAIN, query("nothing-here.acme.gateway.test", Type.TXT).getRcode());
        assertEquals(Rcode.REFUSED, query("www.example.com", Type.TXT).getRcode());
    }

    @Test
    void tokenPublishedOnTheBoardIsServedByTheHttp01Responder() throws Exception {
        gateway.delegations().board().publishToken("tok_123", "tok_123.thumbprint", Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();
        String base = gateway.endpoints().get("http01-responder");
        HttpResponse<String> hit = http.send(HttpRequest.newBuilder(URI.create(base
                + "/.well-known/acme-challenge/tok_123")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, hit.statusCode());
        assertEquals("tok_123.thumbprint", hit.body());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/.well-known/acme-challenge/other"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
