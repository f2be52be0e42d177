package io.acmegate.gateway.status.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.acmegate.gateway.acme.AcmeJson;
import io.acmegate.gateway.model.Lineage;
import io.acmegate.gateway.status.LineageState;
import io.acmegate.gateway.status.StatusIndex;
import java.time.Instant;

/** Lineages as the status API shows them (docs/status-openapi.yaml). */
final class StatusJson {
    private StatusJson() {
    }

    static ObjectNode lineage(Lineage l, Instant now) {
        ObjectNode json = AcmeJson.object()
                .put("id", Long.toString(l.id()))
                .put("state", LineageState.of(l, now).label())
                .put("source", l.source().label());
        json.set("client", client(l.client()));
        l.names().forEach(json.putArray("names")::add);
        Lineage.CertificateRef c = l.current();
        if (c == null) {
            json.putNull("certificate");
        } else {
            json.putObject("certificate").put("serial", c.serial())
                    .put("notBefore", text(c.notBefore())).put("notAfter", text(c.notAfter()))
                    .put("issuer", c.issuer()).put("revoked", c.revoked());
        }
        Lineage.RenewalWindow w = l.window();
        if (w == null) {
            json.putNull("renewalWindow");
        } else {
            json.putObject("renewalWindow").put("start", text(w.start())).put("end", text(w.end()))
                    .put("explanationURL", w.explanationUrl()).put("source", w.source());
        }
        json.put("reissueRequestedAt", text(l.reissueAt()));
        if (l.lastFailure() == null) {
            json.putNull("lastFailure");
        } else {
            json.putObject("lastFailure").put("at", text(l.lastFailure().at())).put("reason", l.lastFailure().reason());
        }
        ArrayNode deployment = json.putArray("deployment");
        for (Lineage.Endpoint endpoint : l.endpoints()) {
            ObjectNode probe = deployment.addObject().put("host", endpoint.host()).put("port", endpoint.port())
                    .put("sni", endpoint.sni());
            l.deployment().stream().filter(r -> r.endpoint().equals(endpoint)).findFirst().ifPresentOrElse(
                    r -> probe.put("result", r.result()).put("servedSerial", r.servedSerial())
                            .put("detail", r.detail()).put("checkedAt", text(r.checkedAt())),
                    () -> probe.put("result", "not-checked"));
        }
        return json.put("updatedAt", text(l.updatedAt()));
    }

    static ObjectNode client(Lineage.Client client) {
        ObjectNode json = AcmeJson.object().put("id", client.id());
        client.contact().forEach(json.putArray("contact")::add);
        return json.put("eabKeyId", client.eabKeyId()).put("address", client.address())
                .put("userAgent", client.userAgent());
    }

    static ObjectNode summary(StatusIndex.Summary summary) {
        ObjectNode json = AcmeJson.object();
        ObjectNode counts = json.putObject("counts");
        summary.counts().forEach((state, count) -> counts.put(state.label(), count));
        json.put("total", summary.total());
        if (summary.earliestExpiry().isPresent()) {
            json.put("earliestExpiry", Instant.ofEpochSecond(summary.earliestExpiry().getAsLong()).toString());
        } else {
            json.putNull("earliestExpiry");
        }
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
