package io.delaywatch.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delaywatch.anomaly.DetectorSettings.OrderSearch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The ARIMA fit behind the {@code arima} detector as a filter from JSON to JSON, for the
 * statsmodels agreement test in {@code reference/}. Not a task: no options, no manifest.
 *
 * <p>Reads one object from stdin: {@code {"values": [12.5, null, ...], "order": [p, d, q],
 * "search": "aic", "level": 0.8}} ({@code values} required, one per calendar day, null for a
 * missing day; {@code order} fixes the order, otherwise {@code search} — aic, bic or walk-forward,
 * default aic — chooses it; {@code level} defaults to 0.80). Writes one object: {@code order},
 * {@code ar}, {@code ma}, {@code mean}, {@code sigma2}, {@code log_likelihood}, {@code aic}, {@code
 * bic}, {@code kpss}, and per day {@code predicted}, {@code lower}, {@code upper} (null where there
 * is no prediction, e.g. the first day of a differenced model). Exit 2 on bad input.
 */
public final class ArimaCli {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ArimaCli() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(System.in, System.out, System.err));
  }

  static int run(InputStream in, OutputStream out, PrintStream err) throws IOException {
    JsonNode input = JSON.readTree(in);
    JsonNode values = input == null ? null : input.get("values");
    if (values == null || !values.isArray()) {
      err.println("expected a JSON object with an array \"values\"");
      return 2;
    }
    double[] y = new double[values.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = values.get(i).isNull() ? Double.NaN : values.get(i).asDouble();
    }
    double level = input.path("level").asDouble(ArimaDetector.DEFAULT_LEVEL);
    ArimaFit fit;
    try {
      if (input.has("order")) {
        JsonNode order = input.get("order");
        fit = ArimaFit.fit(y, order.get(0).asInt(), order.get(1).asInt(), order.get(2).asInt());
      } else {
        OrderSearch search =
            DetectorSettings.parseEnum(
                OrderSearch.class, "search", input.path("search").asText("aic"));
        fit = ArimaOrderSearch.search(y, search);
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    if (fit == null) {
      err.println("the series cannot be fitted (fewer than two values, or no variance)");
      return 2;
    }
    ArimaFilter.Result result = fit.filter(y, false);
    double z = new NormalDistribution(null, 0, 1).inverseCumulativeProbability((1 + level) / 2);
    ObjectNode output = JSON.createObjectNode();
    output.putArray("order").add(fit.p()).add(fit.d()).add(fit.q());
    ArrayNode ar = output.putArray("ar");
    for (double phi : fit.ar()) {
      ar.add(phi);
    }
    ArrayNode ma = output.putArray("ma");
    for (double theta : fit.ma()) {
      ma.add(theta);
    }
    output.put("mean", fit.mean());
    output.put("sigma2", fit.sigma2());
    output.put("log_likelihood", fit.logLikelihood());
    output.put("aic", fit.aic());
    output.put("bic", fit.bic());
    output.put("kpss", Kpss.statistic(y));
    output.put("level", level);
    ArrayNode predicted = output.putArray("predicted");
    ArrayNode lower = output.putArray("lower");
    ArrayNode upper = output.putArray("upper");
    for (int i = 0; i < y.length; i++) {
      double variance = result.variance()[i];
      if (Double.isNaN(variance)) {
        predicted.addNull();
        lower.addNull();
        upper.addNull();
      } else {
        double prediction = result.predicted()[i];
        predicted.add(prediction);
        lower.add(prediction - z * Math.sqrt(variance));
        upper.add(prediction + z * Math.sqrt(variance));
      }
    }
    out.write(JSON.writeValueAsString(output).getBytes(StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
    return 0;
  }
}
