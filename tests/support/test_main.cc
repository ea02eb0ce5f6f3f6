// The one translation unit of each test binary that defines Boost.Test's main.
#define BOOST_TEST_MODULE herald
#include <boost/test/unit_test.hpp>
