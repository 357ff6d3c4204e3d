-- wrk script of bench/api-load.sh: one endpoint (ENDPOINT) with random airports and dates drawn
-- from the generated data (AIRPORTS, FIRST_YEAR, YEARS); prints one JSON line of figures at the end.
local endpoint = os.getenv("ENDPOINT")
local airports = {}
for code in string.gmatch(os.getenv("AIRPORTS"), "[^,]+") do airports[#airports + 1] = code end
local first_year = tonumber(os.getenv("FIRST_YEAR"))
local years = tonumber(os.getenv("YEARS"))
local auth = { ["Authorization"] = "Bearer " .. os.getenv("DELAYWATCH_API_TOKEN") }
local counter = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

local function day(year)
  return string.format("%04d-%02d-%02d", year, math.random(1, 12), math.random(1, 28))
end

function request()
  counter = counter + 1
  local airport = airports[math.random(#airports)]
  local year = first_year + math.random(0, years - 1)
  local path
  if endpoint == "days" then
    local month = math.random(1, 12)
    path = string.format("/v1/airports/%s/days?from=%04d-%02d-01&to=%04d-%02d-28", airport, year, month, year, month)
  elseif endpoint == "days-uncached" then
    -- 28 days from any day: some 146,000 distinct series against a cache of about 6,000, so
    -- nearly every request queries the database and serializes (the cache's worst case).
    local from = os.time({ year = year, month = 1, day = 1, hour = 12 }) + math.random(0, 364) * 86400
    path = string.format("/v1/airports/%s/days?from=%s&to=%s", airport,
      os.date("!%Y-%m-%d", from), os.date("!%Y-%m-%d", from + 27 * 86400))
  elseif endpoint == "risk" then
    -- From the second year on: the first day of the data has no history (404 by contract).
    path = string.format("/v1/risk?airport=%s&date=%s", airport, day(first_year + math.random(1, years)))
  elseif endpoint == "anomalies" then
    path = string.format("/v1/anomalies?year=%d&airport=%s&limit=100", year, airport)
  elseif endpoint == "events" then
    path = string.format("/v1/events?year=%d", year)
  else
    path = "/v1/airports"
  end
  return wrk.format("GET", path, auth)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.0f,"p50_ms":%.2f,"p95_ms":%.2f,"p99_ms":%.2f,' ..
    '"max_ms":%.2f,"errors":%d,"non_2xx":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.timeout, e.status, e.status))
end
