// The image variants stored with deliveries (table delivery_images, schema
// version 3): written with the delivery in Outbox::record, read back by
// every claim, dropped once the delivery is sent (no attempt needs them).
#include "daemon/outbox/outbox_impl.h"

namespace herald {

using namespace outbox_internal;

SqliteStatus SqliteOutbox::Impl::insert_image_of(const std::string& message_id, const DeliveryImage& image) {
  return insert_image.bind(1, message_id).bind(2, image.media_type).bind_blob(3, image.bytes)
      .bind(4, std::int64_t{image.width}).bind(5, std::int64_t{image.height}).bind(6, image.alt)
      .bind(7, image.note).bind(8, image.url).run();
}

SqliteStatus SqliteOutbox::Impl::load_images(std::vector<Delivery>& deliveries, std::size_t first) {
  for (std::size_t i = first; i < deliveries.size(); ++i) {
    Delivery& d = deliveries[i];
    select_image.bind(1, d.id);
    if (select_image.step()) {
      DeliveryImage image;
      image.media_type = select_image.column_text(0);
      image.bytes = select_image.column_blob(1);
      image.width = static_cast<int>(select_image.column_int64(2));
      image.height = static_cast<int>(select_image.column_int64(3));
      image.alt = select_image.column_text(4);
      image.note = select_image.column_text(5);
      image.url = select_image.column_text(6);
      d.image = std::move(image);
    }
    SqliteStatus s = select_image.status();
    select_image.reset();
    if (!s.ok()) return s;
  }
  return {};
}

SqliteStatus SqliteOutbox::Impl::drop_image(std::int64_t delivery_id) {
  return delete_image.bind(1, delivery_id).run();
}

SqliteStatus SqliteOutbox::Impl::drop_sent(std::int64_t delivery_id) {
  SqliteStatus s = drop_image(delivery_id);
  return s.ok() ? delete_progress.bind(1, delivery_id).run() : s;
}

Result<std::set<std::string>> SqliteOutbox::image_urls_in_use() {
  SqliteStatement stmt;
  SqliteStatus s = impl_->db.prepare("SELECT DISTINCT url FROM delivery_images WHERE url != ''", &stmt);
  std::set<std::string> urls;
  while (s.ok() && stmt.step()) urls.emplace(stmt.column_text(0));
  if (s.ok()) s = stmt.status();
  if (!s.ok()) return Result<std::set<std::string>>(to_outbox(s));
  return urls;
}

}  // namespace herald
