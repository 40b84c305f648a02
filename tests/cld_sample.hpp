// A small, valid CLD file used by store and app tests.
#pragma once

#include <string>

namespace ascent::test {

inline const std::string k_cld_header =
    "LA Code,Reporting Period Start Date,Reporting Period End Date,NHS Number,LA Person Unique Identifier,Gender,"
    "Ethnicity,Date of Birth,Client Type,Primary Support Reason,Accommodation Status,Employment Status,"
    "Client Funding Status,Event Type,Event Reference,Event Start Date,Event End Date,Assessment Type,Service Type,"
    "Service Component,Delivery Mechanism,Provider CQC Location Name,Unit Cost,Cost Frequency (Unit Type),"
    "Planned units per week\r\n";

inline std::string cld_row(const std::string &person, const std::string &event, const std::string &ref,
                           const std::string &service_type, const std::string &component, const std::string &cost,
                           const std::string &frequency, const std::string &units, const std::string &end = "") {
    return "999,01/04/2025,31/03/2026,,"+ person + ",Female,White: Irish,01/06/1980,Service user,"
           "Learning disability support,Registered care home,Unknown,Fully social care funded," +
           event + "," + ref + ",01/04/2024," + end + ",," + service_type + "," + component +
           ",,Oakfield Care Ltd," + cost + "," + frequency + "," + units + "\r\n";
}

inline std::string valid_cld() {
    return k_cld_header +
           cld_row("P1", "Service", "P1-S1", "Long term support: Residential care", "Long term residential care",
                   "1850.00", "Weekly", "") +
           cld_row("P2", "Service", "P2-S1", "Long Term Support: Community", "Home Support", "16.22", "Hourly",
                   "10.5") +
           cld_row("P2", "Service", "P2-S2", "Long term support: Community", "Day support", "40", "Per session", "2") +
           cld_row("P3", "Review", "P3-R1", "", "", "", "", "", "15/01/2026");
}

} // namespace ascent::test
