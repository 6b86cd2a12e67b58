package vn.loa.agent.cellular;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import vn.loa.protocol.v1.CellularLink;

/**
 * Reads ModemManager's JSON ({@code mmcli -J}): the modem list, the modem ({@code -m N}) and its extended
 * signal ({@code -m N --signal-get}). Pure: text in, values out. mmcli writes every value as a string and
 * {@code "--"} for unknown.
 */
public final class MmcliParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MmcliParser() {
    }

    /** The index of the first modem of {@code mmcli -J -L} ("/org/freedesktop/ModemManager1/Modem/0" → 0). */
    public static Optional<Integer> firstModem(String listJson) throws IOException {
        JsonNode list = JSON.readTree(listJson).path("modem-list");
        if (!list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        String path = list.get(0).asText();
        try {
            return Optional.of(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)));
        } catch (NumberFormatException e) {
            throw new IOException("mmcli names a modem path without an index: " + path, e);
        }
    }

    /** The link from {@code mmcli -J -m N} and {@code mmcli -J -m N --signal-get} (null: not read). */
    public static CellularLink link(String modemJson, String signalJson) throws IOException {
        JsonNode modem = JSON.readTree(modemJson).path("modem");
        JsonNode generic = modem.path("generic");
        CellularLink.Builder b = CellularLink.newBuilder()
                .setModemState(text(generic.path("state")))
                .setOperatorName(text(modem.path("3gpp").path("operator-name")));
        JsonNode tech = generic.path("access-technologies");
        if (tech.isArray() && !tech.isEmpty()) {
            b.setAccessTechnology(text(tech.get(0)));
        }
        number(generic.path("signal-quality").path("value")).ifPresent(v -> b.setSignalPercent((int) Math.round(v)));
        for (JsonNode port : generic.path("ports")) {
            String p = port.asText(); // "wwan0 (net)"
            if (p.endsWith(" (net)")) {
                b.setInterface(p.substring(0, p.length() - " (net)".length()).strip());
                break;
            }
        }
        if (signalJson != null) {
            JsonNode signal = JSON.readTree(signalJson).path("modem").path("signal");
            JsonNode lte = signal.path("lte");
            JsonNode umts = signal.path("umts");
            Optional<Double> rssi = number(lte.path("rssi")).or(() -> number(umts.path("rssi")))
                    .or(() -> number(signal.path("gsm").path("rssi")));
            rssi.ifPresent(v -> b.setHasRssi(true).setRssiDbm(v.floatValue()));
            number(lte.path("rsrp")).ifPresent(v -> b.setHasRsrp(true).setRsrpDbm(v.floatValue()));
            number(lte.path("snr")).ifPresent(v -> b.setHasSinr(true).setSinrDb(v.floatValue()));
        }
        return b.build();
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() || "--".equals(n.asText()) ? "" : n.asText();
    }

    private static Optional<Double> number(JsonNode n) {
        String t = text(n);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
