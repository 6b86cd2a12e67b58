-- The language a bulletin is spoken in (issue 19): a BCP 47 / ISO 639 code as CAP's <language> has it,
-- from the documented list in vn.loa.controller.bulletin.BulletinLanguage ('vi', 'tyz' Tày, 'nut' Nùng,
-- 'hmn' Hmông, 'dao' Dao, ...). Bulletins stored before are Vietnamese. Standard SQL, H2 and PostgreSQL.
ALTER TABLE bulletin ADD COLUMN language VARCHAR(20) DEFAULT 'vi' NOT NULL;
CREATE INDEX bulletin_language ON bulletin (language);
