# expect: TFL103
from keras.preprocessing.text import Tokenizer
from sklearn.model_selection import train_test_split
import pandas as pd

news = pd.read_csv("news.csv")
tr_text, te_text, tr_y, te_y = train_test_split(news.title, news.label)
tokenizer = Tokenizer(num_words=20000)
tokenizer.fit_on_texts(tr_text)
train_seq = tokenizer.texts_to_sequences(tr_text)
tokenizer.fit_on_texts(te_text)
test_seq = tokenizer.texts_to_sequences(te_text)
