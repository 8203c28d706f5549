/* request.c: a question as typed: criteria, trade-off weights, limits, lists of names. */
#include "request.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool cp_cli_copy_value(char *buf, size_t cap, const char *text, const char *what, char *why,
                       size_t n) {
  if (strlen(text) >= cap) {
    snprintf(why, n, "%s is too long (at most %zu characters)", what, cap - 1);
    return false;
  }
  memcpy(buf, text, strlen(text) + 1);
  return true;
}

void cp_cli_request_init(cp_cli_request *rq) {
  memset(rq, 0, sizeof *rq);
  rq->by = CP_BY_MONTHS;
  rq->weights[CP_BY_MONTHS] = 1;
  rq->k = 1;
  for (int c = 0; c < NC; c++)
    rq->limits[c] = INFINITY;
}

/* "months=1,cost=0.0005" (in `buf`, split in place) into rq->weights. */
static bool parse_weights(char *buf, cp_cli_request *rq, char *why, size_t n) {
  double w[NC] = {0};
  size_t used = 0;
  cp_criterion c;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(item, '='), *end;
    if (!eq) {
      snprintf(why, n, "'%s' in --by is not CRITERION=WEIGHT", item);
      return false;
    }
    *eq = '\0';
    double v = strtod(eq + 1, &end);
    if (cp_criterion_parse(item, &c) != CP_OK || *end || end == eq + 1 || !(v >= 0) ||
        !isfinite(v)) {
      snprintf(why, n,
               "'%s=%s' in --by: a criterion (steps, months, cost, effort) and a weight >= 0", item,
               eq + 1);
      return false;
    }
    w[c] = v;
    rq->by = c;
    used++;
  }
  bool positive = false;
  for (int i = 0; i < NC; i++)
    positive |= w[i] > 0;
  if (!positive) {
    snprintf(why, n, "--by needs at least one weight above 0");
    return false;
  }
  memcpy(rq->weights, w, sizeof w);
  rq->weighted = used > 1 || w[rq->by] != 1;
  return true;
}

/* "months", "payback" or "months=1,cost=0.0005". Writes a reason to `why` on failure. */
bool cp_cli_parse_by(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char buf[256];
  cp_criterion c;
  if (!cp_cli_copy_value(buf, sizeof buf, text, "--by", why, n))
    return false;
  rq->payback = false;
  if (strchr(buf, '='))
    return parse_weights(buf, rq, why, n);
  /* Payback: between two roles the wage gain is fixed, so the cheapest repays soonest. */
  if (!strcmp(buf, "payback")) {
    c = CP_BY_COST;
    rq->payback = true;
  } else if (cp_criterion_parse(buf, &c) != CP_OK) {
    snprintf(why, n,
             "unknown criterion '%s' (choose from steps, months, cost, effort, payback, or "
             "weights like months=1,cost=0.0005)",
             text);
    return false;
  }
  memset(rq->weights, 0, sizeof rq->weights);
  rq->weights[c] = 1;
  rq->by = c;
  rq->weighted = false;
  return true;
}

bool cp_cli_parse_pareto(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char buf[128];
  if (!cp_cli_copy_value(buf, sizeof buf, text, "--pareto", why, n))
    return false;
  rq->n_pareto = 0;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    cp_criterion c;
    if (cp_criterion_parse(item, &c) != CP_OK || rq->n_pareto == NC) {
      snprintf(why, n, "'%s' in --pareto is not a criterion (steps, months, cost, effort)", item);
      return false;
    }
    for (size_t i = 0; i < rq->n_pareto; i++)
      if (rq->pareto[i] == c) {
        snprintf(why, n, "--pareto names '%s' twice", item);
        return false;
      }
    rq->pareto[rq->n_pareto++] = c;
  }
  if (rq->n_pareto < 2) {
    snprintf(why, n, "--pareto needs two or more criteria, e.g. months,cost");
    return false;
  }
  return true;
}

bool cp_cli_parse_limit(const char *name, const char *text, double *out, char *why, size_t n) {
  char *end;
  double v = strtod(text, &end);
  if (!*text || *end || !(v >= 0) || !isfinite(v)) {
    snprintf(why, n, "%s needs a number >= 0, not '%s'", name, text);
    return false;
  }
  *out = v;
  return true;
}

bool cp_cli_add_name(cp_cli_names *list, const char *name, const char *what, char *why, size_t wn) {
  if (list->n == MAX_LIST) {
    snprintf(why, wn, "more than %d %s", MAX_LIST, what);
    return false;
  }
  list->name[list->n++] = name;
  return true;
}

int cp_cli_read_have_file(const cp_cli *c, const char *path, cp_cli_request *rq, char **keep) {
  size_t len = 0;
  cp_error e = {0};
  cp_status st = cp_read_file(path, keep, &len, &e);
  if (st)
    return cp_cli_status(c, st, &e);
  char why[256];
  for (char *save = NULL, *line = strtok_r(*keep, "\r\n", &save); line;
       line = strtok_r(NULL, "\r\n", &save)) {
    while (*line == ' ' || *line == '\t')
      line++;
    if (*line && *line != '#' && !cp_cli_add_name(&rq->have, line, "credentials", why, sizeof why))
      return cp_cli_fail(c, CP_EXIT_USAGE, "%s: %s", path, why);
  }
  return CP_EXIT_OK;
}

bool cp_cli_parse_within(const char *text, cp_cli_request *rq, char *why, size_t n) {
  char buf[256];
  if (!cp_cli_copy_value(buf, sizeof buf, text, "--within", why, n))
    return false;
  for (char *save = NULL, *item = strtok_r(buf, ",", &save); item;
       item = strtok_r(NULL, ",", &save)) {
    char *eq = strchr(item, '=');
    cp_criterion c;
    if (!eq) {
      snprintf(why, n, "'%s' in --within is not CRITERION=LIMIT (e.g. months=36,cost=20000)", item);
      return false;
    }
    *eq = '\0';
    if (cp_criterion_parse(item, &c) != CP_OK) {
      snprintf(why, n, "'%s' in --within is not a criterion (steps, months, cost, effort)", item);
      return false;
    }
    if (!cp_cli_parse_limit(item, eq + 1, &rq->limits[c], why, n))
      return false;
  }
  return true;
}

/* "months", "months=1, cost=0.0005" or "Pareto: months, cost". */
void cp_cli_describe(const cp_cli_request *rq, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  if (rq->n_pareto) {
    used += (size_t)snprintf(buf, n, "Pareto on ");
    for (size_t i = 0; i < rq->n_pareto && used < n; i++)
      used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "",
                               cp_criterion_name(rq->pareto[i]));
    return;
  }
  if (!rq->weighted) {
    snprintf(buf, n, "%s", rq->payback ? "payback" : cp_criterion_name(rq->by));
    return;
  }
  for (int c = 0; c < NC && used < n; c++)
    if (rq->weights[c] > 0)
      used += (size_t)snprintf(buf + used, n - used, "%s%s=%g", used ? ", " : "",
                               cp_criterion_name((cp_criterion)c), rq->weights[c]);
}

void cp_cli_plain_by(const cp_cli_request *rq, char *buf, size_t n) {
  if (rq->n_pareto || (rq->weighted && !rq->payback)) {
    char by[256];
    cp_cli_describe(rq, by, sizeof by);
    snprintf(buf, n, "%s%s", rq->n_pareto ? "" : "trade-off ", by);
  } else {
    snprintf(buf, n, "%s", rq->payback ? "soonest repaid" : cp_criterion_superlative(rq->by));
  }
}

bool cp_cli_limited(const cp_cli_request *rq) {
  for (int c = 0; c < NC; c++)
    if (isfinite(rq->limits[c]))
      return true;
  return false;
}
