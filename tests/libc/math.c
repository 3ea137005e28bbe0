/*
 * math.c -- newlib's libm on Whorl: values of sqrt, sin, cos, exp, log,
 * pow, floor, ceil, fmod, and doubles printed with %.17g read back by
 * strtod to the same bits.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static int
near(double a, double b)
{
	return fabs(a - b) <= 1e-12 * (fabs(b) > 1 ? fabs(b) : 1);
}

static void
check_functions(void)
{
	volatile double two = 2.0, neg = -1.0;

	CHECK(sqrt(16.0) == 4.0 && near(sqrt(two), 1.4142135623730951));
	CHECK(isnan(sqrt(neg)));
	CHECK(near(sin(M_PI / 6), 0.5) && near(cos(M_PI), -1.0));
	CHECK(near(exp(1.0), M_E) && near(log(M_E), 1.0));
	CHECK(pow(2.0, 10.0) == 1024.0 && near(pow(two, 0.5), sqrt(2.0)));
	CHECK(floor(-2.5) == -3.0 && ceil(-2.5) == -2.0);
	CHECK(floor(7.99) == 7.0 && round(2.5) == 3.0);
	CHECK(fmod(10.0, 3.0) == 1.0 && fmod(-10.0, 3.0) == -1.0);
	CHECK(near(atan2(1.0, 1.0), M_PI / 4) && near(hypot(3, 4), 5.0));
	CHECK(isinf(exp(1000.0)) && ldexp(1.0, 10) == 1024.0);
	CHECK(sqrtf(9.0f) == 3.0f);
}

static void
check_round_trip(void)
{
	const double v[] = { 0.1, 1.0 / 3.0, M_PI, 1e-300, 6.02214076e23,
	    DBL_MAX, DBL_MIN, -123.456, 4.9e-324 };
	char buf[64];
	int ok = 1;

	for (unsigned i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		double back;

		snprintf(buf, sizeof(buf), "%.17g", v[i]);
		back = strtod(buf, NULL);
		ok &= memcmp(&back, &v[i], sizeof(back)) == 0;
		if (memcmp(&back, &v[i], sizeof(back)) != 0)
			printf("math: %s did not read back\n", buf);
	}
	CHECK(ok);
	CHECK(strtod("1e400", NULL) == HUGE_VAL);
	snprintf(buf, sizeof(buf), "%.3f %.3e", M_PI, M_PI);
	CHECK_STR(buf, "3.142 3.142e+00");
}

int
main(void)
{
	check_functions();
	check_round_trip();
	return check_done();
}
